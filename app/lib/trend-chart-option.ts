/**
 * The trend page's chart options, from the loader's packed trend and overlays, the view and the
 * theme: the page's chart, a grid tile, the full-screen chart and the exported picture. Pure, and
 * shared with the drawing made before hydration (app/components/trends/early-chart.ts), so both
 * draw the same option from the same inputs.
 */
import { buildTrendColumnsOption } from "../../charts/trend-columns-option";
import type { ThemeName } from "../../charts/chart-theme";
import { decorateTrendOption, withSeriesAxes } from "../components/trends/trend-option";
import { type ChartSeries, type ChartTrend, unpackTrend } from "./trends-payload";
import type { TrendView } from "./trends-url";

/** Subsystem, metrics (and overlays), dataset and run range: the title of an exported picture and its file name. */
export function naming(view: TrendView, metrics: readonly string[], runs: readonly number[], overlays: readonly string[] = []) {
  const first = runs.length ? Math.min(...runs) : null;
  const last = runs.length ? Math.max(...runs) : null;
  const range = first === null ? "no runs" : first === last ? `run ${first}` : `runs ${first}–${last}`;
  const title = `${view.subsystem} · ${metrics.join(", ")} · ${view.primaryDataset} / ${view.processingString} · ${range}${overlays.length ? ` · overlaid: ${overlays.join(", ")}` : ""}`;
  const file = ["hdqm", view.subsystem, metrics.join("+"), view.primaryDataset, view.processingString, first === null ? "" : `runs${first}-${last}`, overlays.length ? `with${overlays.length}overlays` : ""]
    .filter(Boolean)
    .join("-")
    .replace(/[^A-Za-z0-9_+.-]+/g, "-");
  return { title, file };
}

/**
 * The overlays' series for the chart. On the axes that lay runs end to end (duration,
 * luminosity) a run's x depends on the runs around it, so an overlay from another dataset takes
 * the main series' x of the same run (runs the main series lacks are left out); on the other
 * axes x is the run's own.
 */
export function overlaidSeries(main: readonly ChartSeries[], xAxis: ChartTrend["xAxis"], overlays: readonly (ChartTrend | null)[]): ChartSeries[] {
  const drawn = overlays.flatMap((t) => t?.series ?? []);
  if (xAxis !== "duration" && xAxis !== "luminosity") return drawn;
  const position = new Map<number, number | null>();
  for (const s of main) s.run.forEach((run, i) => position.has(run) || position.set(run, s.x[i] ?? null));
  return drawn.map((s) => {
    const keep = s.run.map((run) => position.get(run) ?? null).map((x, i) => (x === null ? -1 : i)).filter((i) => i >= 0);
    return { ...s, run: keep.map((i) => s.run[i]!), x: keep.map((i) => position.get(s.run[i]!)!), value: keep.map((i) => s.value[i]!), error: keep.map((i) => s.error[i]!) };
  });
}

export interface OptionInput {
  series: ChartSeries[];
  /** Overlaid series (app/lib/trends-overlays.ts), after the main ones, each on the axis of its unit. */
  overlays?: ChartSeries[];
  trend: ChartTrend;
  view: TrendView;
  theme: ThemeName;
  highlight: number | null;
  compact?: boolean;
}

/** The trend chart's option for these series: the page's (theme, ranges) or, with forExport, the PNG's. */
export function trendChartOption({ series: s, overlays = [], trend, view, theme, highlight, compact }: OptionInput, forExport = false) {
  const sameY = s.every((x) => x.yTitle === s[0]!.yTitle);
  const plotTitle = s.length === 1 ? s[0]!.plotTitle : s.map((x) => x.name).join(" · ");
  const option = buildTrendColumnsOption({
    title: plotTitle,
    yTitle: sameY ? s[0]!.yTitle : "value",
    xAxis: trend.xAxis,
    series: [...s, ...overlays],
    runs: trend.runs,
    errorBars: compact ? false : view.errorBars,
    fillBands: view.fillBands,
    theme: forExport ? "light" : theme,
    highlightRun: highlight,
  });
  const title = forExport ? naming(view, s.map((x) => x.name), s.flatMap((x) => x.run), overlays.map((x) => x.name)).title : compact ? "" : plotTitle;
  const placed = overlays.length ? withSeriesAxes(option, [...s, ...overlays]) : option;
  const decorated = decorateTrendOption(placed, { xAxis: trend.xAxis, range: view.range, plotTitle, title, forExport: forExport || compact === true });
  if (!compact) return decorated;
  // A grid tile: no legend, title or slider; the tile's heading names the metric.
  return { ...decorated, legend: { show: false }, grid: { left: 64, right: 16, top: 16, bottom: 40 }, yAxis: { ...(decorated.yAxis as object), name: "", nameGap: 0 } };
}

/** The overlays' trends from the loader's newline-joined packed texts ("" for an overlay that could not be drawn). */
export function unpackOverlays(joined: string): (ChartTrend | null)[] {
  return joined === "" ? [] : joined.split("\n").map((text) => (text ? unpackTrend(text) : null));
}

/** The series the main chart draws, or null when none has a point. */
export function mainSeriesOf(trend: ChartTrend): ChartSeries[] | null {
  return trend.series.some((s) => s.run.length > 0) ? trend.series : null;
}

/** Everything the page's main trend chart is drawn from, as the server rendered it. */
export interface TrendDrawing {
  packed: string;
  overlays: string;
  view: TrendView;
  theme: ThemeName;
}

/** The drawing as text for the page's HTML (no "<", so it cannot end its script element); the same text is its identity. */
export function drawingText(d: TrendDrawing): string {
  return JSON.stringify(d).replace(/</g, "\\u003c");
}

/** The main chart's option from a drawing's text, exactly as the page builds it from its loader data. */
export function drawingOption(text: string) {
  const d = JSON.parse(text) as TrendDrawing;
  const trend = unpackTrend(d.packed);
  const main = mainSeriesOf(trend);
  if (!main) return null;
  const overlays = overlaidSeries(main, trend.xAxis, unpackOverlays(d.overlays));
  return trendChartOption({ series: main, overlays, trend, view: d.view, theme: d.theme, highlight: d.view.point?.run ?? null });
}
