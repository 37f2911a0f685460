/**
 * HDQM trend chart from the trend API's columnar series (one array per field), as the page gets
 * them: no per-point objects on the way, `large` scatter and no animation for big series, so a
 * 10,000-run trend draws about as fast as ECharts can. Pure: data in, ECharts option out.
 */
import type { EChartsOption, SeriesOption } from "echarts";
import { chartThemes, type ThemeName } from "./chart-theme";
import type { XAxis as TrendXAxis } from "../server/hdqm/x-axis";

export interface TrendColumns {
  readonly name: string;
  readonly run: readonly number[];
  /** Position on the chosen axis (null: unknown, e.g. no fill); the API computes it. */
  readonly x: readonly (number | null)[];
  readonly value: readonly number[];
  readonly error: readonly number[];
  /** The metric's y-axis title: two metrics with different titles get an axis each. */
  readonly yTitle?: string;
}

export interface TrendColumnsInput {
  readonly title: string;
  readonly yTitle: string;
  readonly xAxis: TrendXAxis;
  readonly series: readonly TrendColumns[];
  /** Fill of each run, for the fill bands: parallel arrays over the selected runs. */
  readonly runs?: { readonly run: readonly number[]; readonly fill: readonly (number | null)[] };
  readonly errorBars: boolean;
  readonly fillBands: boolean;
  readonly theme: ThemeName;
  /** A run to ring (the one whose details are open). */
  readonly highlightRun?: number | null;
}

/** One plotted datum: [x, value, error, run]. */
export type TrendColumnDatum = [number, number, number, number];

/** Above this many points a series is drawn in ECharts' large mode (one path, no per-point hover). */
export const LARGE_SERIES = 2000;

export const trendAxisTitles: Record<TrendXAxis, string> = {
  run: "Run number",
  time: "Run start (UTC)",
  fill: "LHC fill",
  duration: "Runs in order, width ∝ duration",
  luminosity: "Runs in order, width ∝ delivered luminosity",
};

export function columnData(s: TrendColumns): TrendColumnDatum[] {
  const out: TrendColumnDatum[] = [];
  for (let i = 0; i < s.run.length; i++) {
    const x = s.x[i];
    if (x === null || x === undefined) continue;
    out.push([x, s.value[i]!, s.error[i]!, s.run[i]!]);
  }
  return out;
}

/** The point dimensions of a large series' typed rows: a datum ECharts hands back is [x, value, error, run]. */
const ROW_DIMENSIONS = ["x", "value", "error", "run"];

/** How many of a series' runs have a position on the axis (the points it draws). */
function placedCount(s: TrendColumns): number {
  let n = 0;
  for (const x of s.x) if (x !== null && x !== undefined) n++;
  return n;
}

/**
 * A large series' points as one Float64Array of [x, value, error, run] rows, straight from its
 * columns: ECharts reads typed rows into its store and neither copies nor walks 10,000 small arrays.
 */
export function typedRows(s: TrendColumns, count = placedCount(s)): Float64Array {
  const rows = new Float64Array(count * 4);
  for (let i = 0, k = 0; i < s.run.length; i++) {
    const x = s.x[i];
    if (x === null || x === undefined) continue;
    rows[k++] = x;
    rows[k++] = s.value[i]!;
    rows[k++] = s.error[i]!;
    rows[k++] = s.run[i]!;
  }
  return rows;
}

/** Error bars as the `lines` series' flat form, [2, x, low, x, high] per point, from typed rows. */
export function flatBars(rows: Float64Array): Float64Array {
  const n = rows.length / 4;
  const flat = new Float64Array(n * 5);
  for (let i = 0; i < n; i++) {
    const x = rows[i * 4]!;
    const y = rows[i * 4 + 1]!;
    const e = rows[i * 4 + 2]!;
    const k = i * 5;
    flat[k] = 2;
    flat[k + 1] = flat[k + 3] = x;
    flat[k + 2] = y - e;
    flat[k + 4] = y + e;
  }
  return flat;
}

/** Where each run sits on the axis, over all series (a later series' position wins). */
function positions(series: readonly TrendColumns[]): Map<number, number> {
  const position = new Map<number, number>();
  for (const s of series)
    for (let i = 0; i < s.run.length; i++) {
      const x = s.x[i];
      if (x !== null && x !== undefined) position.set(s.run[i]!, x);
    }
  return position;
}

/** Every other LHC fill shaded: [first x, last x] of the runs of fills 1, 3, 5… (in fill order). */
export function fillBands(runs: NonNullable<TrendColumnsInput["runs"]>, position: ReadonlyMap<number, number>): [number, number][] {
  const byFill = new Map<number, [number, number]>();
  runs.run.forEach((run, i) => {
    const fill = runs.fill[i];
    const x = position.get(run);
    if (fill === null || fill === undefined || x === undefined) return;
    const band = byFill.get(fill);
    byFill.set(fill, band ? [Math.min(band[0], x), Math.max(band[1], x)] : [x, x]);
  });
  return [...byFill.entries()].sort((a, b) => a[0] - b[0]).filter((_, i) => i % 2 === 0).map(([, b]) => b);
}

/**
 * Error bars. Up to LARGE_SERIES points: a custom series over [x, value − error, value + error],
 * so the y axis' extent is the bars' extent. Above: a `lines` series in large mode, which draws
 * every bar in one path (a custom series lays out one element per point — seconds for 10,000).
 */
function errorBars(name: string, data: TrendColumnDatum[] | Float64Array, color: string, yAxisIndex: number): SeriesOption {
  if (data instanceof Float64Array) {
    return {
      type: "lines",
      name,
      coordinateSystem: "cartesian2d",
      yAxisIndex,
      silent: true,
      large: true,
      largeThreshold: LARGE_SERIES,
      z: 1,
      lineStyle: { color, width: 1, opacity: 0.6 },
      data: flatBars(data),
    };
  }
  return {
    type: "custom",
    name,
    silent: true,
    z: 1,
    yAxisIndex,
    encode: { x: 0, y: [1, 2] },
    data: data.map((d) => [d[0], d[1] - d[2], d[1] + d[2]]),
    renderItem: (_params, api) => {
      const x = api.value(0) as number;
      const lo = api.coord([x, api.value(1)]);
      const hi = api.coord([x, api.value(2)]);
      return { type: "line", shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style: { stroke: color, lineWidth: 1, opacity: 0.7 } };
    },
  };
}

function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e5 || a < 1e-3) ? v.toExponential(3) : Number(v.toPrecision(5)).toString();
}

/** Tooltip text of one point (plain text; ECharts escapes nothing, so no HTML from data). */
export function pointLabel(seriesName: string, d: TrendColumnDatum): string {
  return `run ${d[3]} · ${seriesName}: ${formatNumber(d[1])} ± ${formatNumber(d[2])}`;
}

export function buildTrendColumnsOption(input: TrendColumnsInput): EChartsOption {
  const theme = chartThemes[input.theme];
  const series: SeriesOption[] = [];
  let total = 0;
  const titles = input.series.map((s) => s.yTitle ?? input.yTitle);
  const twoAxes = input.series.length === 2 && titles[0] !== titles[1];
  input.series.forEach((s, i) => {
    const yAxisIndex = twoAxes ? i : 0;
    const color = theme.palette[i % theme.palette.length]!;
    const count = placedCount(s);
    total += count;
    const large = count > LARGE_SERIES;
    const data = large ? typedRows(s, count) : columnData(s);
    series.push({
      type: "scatter",
      name: s.name,
      ...(large ? { data, dimensions: ROW_DIMENSIONS } : { data: data as TrendColumnDatum[] }),
      symbolSize: large ? 4 : 7,
      itemStyle: { color },
      large,
      largeThreshold: LARGE_SERIES,
      // All points in one pass: ECharts would otherwise draw a large series in frames of 5,000
      // from 10,000 points on, repainting the chart and finishing a frame later.
      progressive: 0,
      encode: { x: 0, y: 1 },
      yAxisIndex,
      z: 2,
      emphasis: { scale: 1.6 },
    });
    if (input.errorBars) series.push(errorBars(s.name, data, color, yAxisIndex));
  });
  const first = series[0];
  if (input.fillBands && input.xAxis !== "fill" && input.runs && first) {
    const bands = fillBands(input.runs, positions(input.series));
    if (bands.length) (first as { markArea?: unknown }).markArea = { silent: true, itemStyle: { color: theme.band }, data: bands.map(([a, b]) => [{ xAxis: a }, { xAxis: b }]) };
  }
  const ring = input.highlightRun ?? null;
  if (ring !== null && first) {
    const s0 = input.series[0]!;
    const k = s0.run.indexOf(ring);
    if (k >= 0 && s0.x[k] !== null) {
      series.push({ type: "scatter", name: `run ${ring}`, silent: true, z: 3, symbol: "circle", symbolSize: 16, itemStyle: { color: "transparent", borderColor: theme.text, borderWidth: 2 }, data: [[s0.x[k]!, s0.value[k]!]] });
    }
  }
  const weighted = input.xAxis === "duration" || input.xAxis === "luminosity";
  const axisStyle = { nameTextStyle: { color: theme.text, fontSize: 14 }, axisLabel: { color: theme.muted, fontSize: 13 }, splitLine: { lineStyle: { color: theme.grid } } };
  return {
    animation: false,
    // Run times are UTC in CMS tools; the axis says so whatever the browser's zone.
    useUTC: true,
    backgroundColor: theme.background,
    color: [...theme.palette],
    title: { text: input.title, left: "center", textStyle: { color: theme.text, fontSize: 16 } },
    legend: { top: 28, textStyle: { color: theme.text, fontSize: 13 }, data: input.series.map((s) => s.name) },
    grid: { left: 80, right: twoAxes ? 80 : 40, top: 72, bottom: 90 },
    tooltip: {
      trigger: "item",
      confine: true,
      formatter: (p: unknown) => {
        const { data, seriesName } = p as { data?: unknown; seriesName?: string };
        return Array.isArray(data) && data.length >= 4 ? pointLabel(seriesName ?? "", data as TrendColumnDatum) : (seriesName ?? "");
      },
    },
    dataZoom: [
      { type: "inside", xAxisIndex: 0, filterMode: "none" },
      { type: "slider", xAxisIndex: 0, bottom: 16, height: 22, filterMode: "none", textStyle: { color: theme.muted }, showDataShadow: total <= LARGE_SERIES },
    ],
    xAxis: {
      type: input.xAxis === "time" ? "time" : "value",
      name: trendAxisTitles[input.xAxis],
      nameLocation: "middle",
      nameGap: 32,
      scale: true,
      ...axisStyle,
      axisLabel: { ...axisStyle.axisLabel, show: !weighted, ...(input.xAxis === "run" || input.xAxis === "fill" ? { formatter: (v: number) => String(Math.round(v)) } : {}) },
    },
    yAxis: twoAxes
      ? titles.map((t, i) => ({ type: "value" as const, name: t, nameGap: 14, scale: true, position: i ? ("right" as const) : ("left" as const), ...axisStyle, nameTextStyle: { ...axisStyle.nameTextStyle, color: theme.palette[i] }, ...(i ? { splitLine: { show: false } } : {}) }))
      : { type: "value", name: input.yTitle, nameGap: 14, scale: true, ...axisStyle },
    series,
  };
}
