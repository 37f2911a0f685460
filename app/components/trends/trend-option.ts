/**
 * What the trend page adds to charts/trend-columns-option.ts's option: axis titles with units
 * (the y title never repeats the chart title), the integrated-luminosity scale in fb⁻¹, manual
 * x and y ranges, and the export form (no zoom slider, a title naming what is drawn). Pure:
 * option in, option out.
 */
import type { EChartsOption, XAXisComponentOption, YAXisComponentOption } from "echarts";
import type { AxisRanges, TrendXAxisName } from "../../lib/trends-url";

/** pb⁻¹ per fb⁻¹: the luminosity axis is cumulative pb⁻¹ from the API, shown in fb⁻¹. */
const PB_PER_FB = 1000;

export const xAxisTitles: Record<TrendXAxisName, string> = {
  run: "Run number",
  time: "Run start (UTC)",
  fill: "LHC fill",
  duration: "Cumulative run duration [h] (runs end to end)",
  luminosity: "Integrated luminosity [fb⁻¹] (runs end to end)",
};

/** The unit in a y title's brackets (`Z peak [GeV]` → `GeV`), or null. */
export function unitOf(title: string): string | null {
  const m = /\[([^\]]+)\]\s*$/.exec(title);
  return m ? m[1]!.trim() : null;
}

/**
 * The y axis title: the metric's own title with its unit; when that title is the chart's title,
 * only "value" and the unit, so the axis does not repeat the heading.
 */
export function yAxisTitle(yTitle: string, chartTitle: string): string {
  if (yTitle.trim() !== chartTitle.trim()) return yTitle;
  const unit = unitOf(yTitle);
  return unit ? `value [${unit}]` : "value (no unit)";
}

/** Axis limits in the axis' data unit: x of the luminosity axis is typed in fb⁻¹, stored data in pb⁻¹. */
export function dataRange(axis: TrendXAxisName, r: AxisRanges): AxisRanges {
  const k = axis === "luminosity" ? PB_PER_FB : 1;
  return { ...r, xMin: r.xMin === null ? null : r.xMin * k, xMax: r.xMax === null ? null : r.xMax * k };
}

function tick(v: number): string {
  const a = Math.abs(v);
  return a !== 0 && a < 0.01 ? v.toExponential(1) : Number(v.toPrecision(4)).toString();
}

export interface TrendOptionExtras {
  xAxis: TrendXAxisName;
  range: AxisRanges;
  /** The metrics' plot title (what the y title must not repeat). */
  plotTitle: string;
  /** The chart's title (for a PNG: subsystem, metric, dataset and run range). */
  title: string;
  /** For a PNG: no slider, the title in the picture. */
  forExport?: boolean;
}

function withY(y: YAXisComponentOption, index: number, range: AxisRanges, chartTitle: string): YAXisComponentOption {
  const name = typeof y.name === "string" ? yAxisTitle(y.name, chartTitle) : y.name;
  return {
    ...y,
    name,
    nameLocation: "middle",
    nameGap: 58,
    // Manual limits apply to the first (left) axis; a second metric's axis keeps its own scale.
    ...(index === 0 && range.yMin !== null ? { min: range.yMin } : {}),
    ...(index === 0 && range.yMax !== null ? { max: range.yMax } : {}),
  };
}

export function decorateTrendOption(option: EChartsOption, extras: TrendOptionExtras): EChartsOption {
  const r = dataRange(extras.xAxis, extras.range);
  const x = option.xAxis as XAXisComponentOption & { axisLabel?: Record<string, unknown> };
  const proportional = extras.xAxis === "luminosity" || extras.xAxis === "duration";
  const xAxis = {
    ...x,
    name: xAxisTitles[extras.xAxis],
    ...(r.xMin !== null ? { min: r.xMin } : {}),
    ...(r.xMax !== null ? { max: r.xMax } : {}),
    axisLabel: { ...(x.axisLabel ?? {}), show: true, ...(proportional ? { formatter: (v: number) => tick(extras.xAxis === "luminosity" ? v / PB_PER_FB : v) } : {}) },
  } as XAXisComponentOption;
  const ys = Array.isArray(option.yAxis) ? option.yAxis : option.yAxis ? [option.yAxis] : [];
  const yAxis = ys.map((y, i) => withY(y, i, extras.range, extras.plotTitle));
  const grid = { ...(option.grid as Record<string, unknown>), left: 96, ...(ys.length > 1 ? { right: 96 } : {}) };
  const title = { ...(option.title as Record<string, unknown>), text: extras.title };
  if (!extras.forExport) return { ...option, title, xAxis, yAxis: Array.isArray(option.yAxis) ? yAxis : yAxis[0]!, grid };
  return {
    ...option,
    title,
    xAxis,
    yAxis: Array.isArray(option.yAxis) ? yAxis : yAxis[0]!,
    grid: { ...grid, bottom: 56 },
    dataZoom: [],
  };
}

/**
 * Which y axis each series is drawn on when overlays join the chart: the first series' title on
 * the left, every other title on the right (two axes at most, so the plot keeps its width; the
 * right axis names each title it carries).
 */
export function seriesAxes(titles: readonly string[]): { index: number[]; names: string[] } {
  const left = titles[0] ?? "";
  const right = [...new Set(titles.filter((t) => t !== left))];
  return { index: titles.map((t) => (t === left ? 0 : 1)), names: right.length ? [left, right.join(" · ")] : [left] };
}

/** The option with each named series (points and error bars) on its axis by `seriesAxes`; others (the ring) on the left. */
export function withSeriesAxes(option: EChartsOption, series: readonly { name: string; yTitle: string }[]): EChartsOption {
  const { index, names } = seriesAxes(series.map((s) => s.yTitle));
  const axisOf = new Map(series.map((s, i) => [s.name, index[i]!]));
  const base = ((Array.isArray(option.yAxis) ? option.yAxis[0] : option.yAxis) ?? {}) as YAXisComponentOption & { nameTextStyle?: Record<string, unknown>; axisLabel?: { color?: unknown } };
  const drawn = (Array.isArray(option.series) ? option.series : option.series ? [option.series] : []).map((s) => ({ ...s, yAxisIndex: axisOf.get(String(s.name)) ?? 0 }));
  // An axis of one series takes its colour (which axis is whose); an axis shared by several, the labels' neutral one.
  const colourOf = (axis: number) => {
    const on = series.filter((_, i) => index[i] === axis);
    const points = on.length === 1 ? drawn.find((d) => d.name === on[0]!.name && d.type === "scatter") : undefined;
    return (points as { itemStyle?: { color?: unknown } } | undefined)?.itemStyle?.color ?? base.axisLabel?.color;
  };
  const yAxis = names.map((name, i) => ({
    ...base,
    name,
    nameTextStyle: { ...base.nameTextStyle, color: colourOf(i) },
    ...(i ? { position: "right" as const, splitLine: { show: false } } : { position: "left" as const }),
  })) as YAXisComponentOption[];
  return { ...option, yAxis: yAxis.length > 1 ? yAxis : yAxis[0]!, series: drawn };
}
