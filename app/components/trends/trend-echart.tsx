/**
 * The trend pages' chart: like app/components/echart.tsx (same `data-rendered` signal, `toPng()`
 * handle and point clicks), tuned for 10,000-point series. ECharts is imported statically — the
 * route loads it with its own modules. Given `early` (the text of its inputs, made on demand),
 * the server renders that text beside the box, the chart is drawn from it before hydration
 * (./early-chart.ts), and on mount the component keeps that chart instead of drawing it again;
 * otherwise it draws in the effect that follows mounting. The box's content is ECharts', never
 * React's (hydration must not look into it). The resize observer redraws only when the box really
 * changed size (its first call, on observe, would otherwise draw everything twice).
 */
import type { EChartsOption } from "echarts";
import type { EChartsType } from "echarts/core";
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from "react";
import { echarts } from "../../lib/trend-echarts.client";
import type { EChartHandle } from "../echart";
import { adoptEarlyChart, EARLY_CHART_ATTRIBUTE } from "./early-chart";

/** The box's inner HTML as React sees it: none (ECharts fills it). One object, so React never resets it. */
const ECHARTS_OWNED = { __html: "" };

interface Props {
  option: EChartsOption;
  label: string;
  height?: number;
  onPointClick?: (datum: unknown, seriesName: string) => void;
  /** The text the option is built from, for a drawing before hydration (see ./early-chart.ts); made only where needed: in the server's render and when adopting such a drawing. */
  early?: () => string;
}

/** The axes' titles and manual limits, and the legend's series, in words, for screen readers (and the journeys that check them). */
function axesOf(option: EChartsOption): string {
  const one = (a: unknown) => {
    const axis = (Array.isArray(a) ? a[0] : a) as { name?: unknown; min?: unknown; max?: unknown } | undefined;
    if (!axis) return "";
    const limits = typeof axis.min === "number" || typeof axis.max === "number" ? ` from ${typeof axis.min === "number" ? axis.min : "auto"} to ${typeof axis.max === "number" ? axis.max : "auto"}` : "";
    return `${typeof axis.name === "string" ? axis.name : ""}${limits}`.trim();
  };
  const ys = Array.isArray(option.yAxis) ? option.yAxis : [option.yAxis];
  const legend = (Array.isArray(option.legend) ? option.legend[0] : option.legend) as { show?: boolean; data?: unknown[] } | undefined;
  const names = legend && legend.show !== false ? (legend.data ?? []).filter((n): n is string => typeof n === "string") : [];
  // A second y axis and several series (metrics, overlays) are said too: the legend is drawn on the canvas.
  return `x: ${one(option.xAxis)}; y: ${one(ys[0])}${ys.length > 1 ? `; right y: ${one(ys[1])}` : ""}${names.length > 1 ? `; series: ${names.join(", ")}` : ""}`;
}

export const TrendEChart = forwardRef<EChartHandle, Props>(function TrendEChart({ option, label, height = 460, onPointClick, early }, ref) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const clickRef = useRef(onPointClick);
  clickRef.current = onPointClick;
  const [rendered, setRendered] = useState(false);
  const earlyRef = useRef(early);
  /** The chart drawn before hydration already shows the first option. */
  const adopted = useRef(false);

  useImperativeHandle(ref, () => ({ toPng: () => chart.current?.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: getComputedStyle(document.body).backgroundColor }) }));

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const kept = adoptEarlyChart(el, earlyRef.current);
    const c = kept?.chart ?? echarts.init(el, undefined, { renderer: "canvas" });
    chart.current = c;
    adopted.current = kept !== null;
    c.on("click", (p) => clickRef.current?.(p.data, p.seriesName ?? ""));
    c.on("finished", () => setRendered(true));
    if (kept?.finished) setRendered(true);
    if (kept && (c.getWidth() !== el.clientWidth || c.getHeight() !== el.clientHeight)) c.resize();
    if (kept?.click) clickRef.current?.(kept.click.datum, kept.click.seriesName);
    let size = [el.clientWidth, el.clientHeight].join("x");
    const observer = new ResizeObserver(() => {
      const now = [el.clientWidth, el.clientHeight].join("x");
      if (now === size) return;
      size = now;
      c.resize();
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (!chart.current) return;
    if (adopted.current) {
      adopted.current = false;
      return;
    }
    setRendered(false);
    chart.current.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <>
      {early ? (
        // The text only in the server's HTML: in the browser it is read before hydration, and a client render needs none.
        <script type="application/json" {...{ [EARLY_CHART_ATTRIBUTE]: "" }} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: typeof document === "undefined" ? early() : "" }} />
      ) : null}
      <div ref={box} role="img" aria-label={label} aria-description={axesOf(option)} data-rendered={rendered ? "true" : "false"} style={{ width: "100%", height }} dangerouslySetInnerHTML={ECHARTS_OWNED} />
    </>
  );
});
