/**
 * Renders an ECharts option into a div (browser only), resizes with its box, reports clicks on
 * data points, and marks itself `data-rendered` once ECharts has finished drawing — the
 * signal tests and the UI benchmark wait for.
 */
import type { EChartsOption } from "echarts";
import type { EChartsType } from "echarts/core";
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from "react";

export interface EChartHandle {
  /** PNG data URL of the chart as drawn. */
  toPng(): string | undefined;
}

interface Props {
  option: EChartsOption;
  label: string;
  height?: number;
  onPointClick?: (datum: unknown, seriesName: string) => void;
}

type Chart = EChartsType;

export const EChart = forwardRef<EChartHandle, Props>(function EChart({ option, label, height = 460, onPointClick }, ref) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart | null>(null);
  const clickRef = useRef(onPointClick);
  clickRef.current = onPointClick;
  const [rendered, setRendered] = useState(false);

  useImperativeHandle(ref, () => ({ toPng: () => chart.current?.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: getComputedStyle(document.body).backgroundColor }) }));

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void import("../lib/echarts.client").then(({ echarts }) => {
      if (disposed || !box.current) return;
      const c = echarts.init(box.current, undefined, { renderer: "canvas" });
      chart.current = c;
      c.on("click", (p) => clickRef.current?.(p.data, p.seriesName ?? ""));
      c.on("finished", () => setRendered(true));
      observer = new ResizeObserver(() => c.resize());
      observer.observe(box.current);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    let cancelled = false;
    const apply = () => {
      if (cancelled) return;
      if (!chart.current) {
        requestAnimationFrame(apply);
        return;
      }
      setRendered(false);
      chart.current.setOption(option, { notMerge: true });
    };
    apply();
    return () => {
      cancelled = true;
    };
  }, [option]);

  return <div ref={box} role="img" aria-label={label} data-rendered={rendered ? "true" : "false"} style={{ width: "100%", height }} />;
});
