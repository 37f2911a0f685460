/**
 * A chart drawn before React hydrates the page. The server renders, just before the chart's box,
 * a JSON script with everything the chart is drawn from; the route module, evaluated in the
 * browser before hydration starts, draws it at once (`drawEarlyCharts`), so the trend is on
 * screen and answers zoom and hover while React hydrates the rest of the page. When the chart
 * component mounts it adopts the drawn chart (`adoptEarlyChart`) if its own inputs are the same
 * text, and draws afresh if not. A click on a point before the adoption is kept and handed over.
 * React hydrates the page once the chart's first frame is drawn (app/lib/hydration-gate.ts).
 */
import type { EChartsOption } from "echarts";
import type { EChartsType } from "echarts/core";
import { holdHydration } from "../../lib/hydration-gate";
import { echarts } from "../../lib/trend-echarts.client";

/** The attribute that marks a chart's JSON script; the chart's box is the script's next sibling. */
export const EARLY_CHART_ATTRIBUTE = "data-early-chart";

export interface EarlyChart {
  /** The script's text the chart was drawn from: its identity. */
  readonly text: string;
  readonly chart: EChartsType;
  /** ECharts said `finished` already. */
  finished: boolean;
  /** The last point clicked before the chart component took over. */
  click: { datum: unknown; seriesName: string } | null;
}

const drawn = new WeakMap<Element, EarlyChart>();

/** Draws every chart the server announced, with `build` turning a script's text into the option (null: nothing to draw). */
export function drawEarlyCharts(build: (text: string) => EChartsOption | null): void {
  for (const script of document.querySelectorAll(`script[${EARLY_CHART_ATTRIBUTE}]`)) {
    const box = script.nextElementSibling;
    const text = script.textContent ?? "";
    if (!(box instanceof HTMLElement) || text === "" || drawn.has(box) || echarts.getInstanceByDom(box)) continue;
    let chart: EChartsType | null = null;
    let firstFrame = () => {};
    holdHydration(new Promise<void>((resolve) => (firstFrame = resolve)));
    try {
      const option = build(text);
      if (!option) {
        firstFrame();
        continue;
      }
      chart = echarts.init(box, undefined, { renderer: "canvas" });
      const early: EarlyChart = { text, chart, finished: false, click: null };
      chart.on("click", (p) => void (early.click = { datum: p.data, seriesName: p.seriesName ?? "" }));
      chart.on("finished", () => {
        early.finished = true;
        box.setAttribute("data-rendered", "true");
        firstFrame();
      });
      drawn.set(box, early);
      chart.setOption(option);
    } catch (err) {
      // The component draws it after hydration instead; nothing is lost but time.
      drawn.delete(box);
      chart?.dispose();
      firstFrame();
      console.warn("the chart could not be drawn before hydration:", err);
    }
  }
}

/**
 * The chart drawn early in `box` when it was drawn from the text `inputs()` gives (asked only when
 * there is such a chart), without its early handlers, for the component to keep; null when there
 * is none. A chart drawn from other inputs is disposed.
 */
export function adoptEarlyChart(box: HTMLElement, inputs: (() => string) | undefined): EarlyChart | null {
  const early = drawn.get(box);
  if (!early) return null;
  const text = inputs?.();
  drawn.delete(box);
  early.chart.off("click");
  early.chart.off("finished");
  const script = box.previousElementSibling;
  // React rendered it empty in the browser; the text has served its purpose.
  if (script?.hasAttribute(EARLY_CHART_ATTRIBUTE)) script.textContent = "";
  if (early.text === text) return early;
  early.chart.dispose();
  box.setAttribute("data-rendered", "false");
  return null;
}
