/**
 * HDQM trend chart: one or several metrics against run number, time, fill, or an axis where
 * each run takes a width proportional to its duration or delivered luminosity. Pure: data in,
 * ECharts option out.
 */
import type { EChartsOption, SeriesOption } from "echarts";
import { chartThemes, type ThemeName } from "./chart-theme";

export type TrendXAxis = "run" | "time" | "fill" | "duration" | "luminosity";

export interface TrendPointInput {
  readonly run: number;
  readonly value: number;
  readonly error: number;
  /** Run start, ms since the epoch. */
  readonly time: number;
  readonly fill: number | null;
  /** Run duration (s) or delivered luminosity (/pb), used by the weighted axes. */
  readonly weight?: number;
}

export interface TrendSeriesInput {
  readonly name: string;
  readonly points: readonly TrendPointInput[];
}

export interface TrendChartInput {
  readonly title: string;
  readonly yTitle: string;
  readonly xAxis: TrendXAxis;
  readonly series: readonly TrendSeriesInput[];
  readonly errorBars: boolean;
  readonly fillBands: boolean;
  readonly theme: ThemeName;
}

/** One plotted datum: [x, value, error, run, fill]. */
export type TrendDatum = [number, number, number, number, number | null];

const xTitles: Record<TrendXAxis, string> = {
  run: "Run number",
  time: "Run start (UTC)",
  fill: "LHC fill",
  duration: "Runs, width ∝ duration",
  luminosity: "Runs, width ∝ delivered luminosity",
};

/**
 * Positions runs along the x axis. For the weighted axes every run (over all series) gets a
 * slot as wide as its weight, in run order, and its point sits at the slot's centre.
 */
export function trendPositions(input: Pick<TrendChartInput, "xAxis" | "series">): Map<number, number> {
  const runs = new Map<number, TrendPointInput>();
  for (const s of input.series) for (const p of s.points) if (!runs.has(p.run)) runs.set(p.run, p);
  const ordered = [...runs.values()].sort((a, b) => a.run - b.run);
  const pos = new Map<number, number>();
  if (input.xAxis === "duration" || input.xAxis === "luminosity") {
    let edge = 0;
    for (const p of ordered) {
      const w = Math.max(p.weight ?? 0, 0);
      pos.set(p.run, edge + w / 2);
      edge += w;
    }
    return pos;
  }
  for (const p of ordered) pos.set(p.run, input.xAxis === "time" ? p.time : input.xAxis === "fill" ? (p.fill ?? Number.NaN) : p.run);
  return pos;
}

export function trendData(series: TrendSeriesInput, positions: Map<number, number>): TrendDatum[] {
  return series.points.map((p) => [positions.get(p.run) ?? Number.NaN, p.value, p.error, p.run, p.fill]);
}

/** Alternating shaded bands, one per LHC fill, over the run positions. */
export function fillBandAreas(input: Pick<TrendChartInput, "series">, positions: Map<number, number>): [number, number][] {
  const byFill = new Map<number, [number, number]>();
  for (const s of input.series) {
    for (const p of s.points) {
      if (p.fill === null) continue;
      const x = positions.get(p.run);
      if (x === undefined || Number.isNaN(x)) continue;
      const band = byFill.get(p.fill);
      byFill.set(p.fill, band ? [Math.min(band[0], x), Math.max(band[1], x)] : [x, x]);
    }
  }
  return [...byFill.entries()].sort((a, b) => a[0] - b[0]).filter((_, i) => i % 2 === 0).map(([, b]) => b);
}

function errorBarSeries(name: string, data: TrendDatum[], color: string): SeriesOption {
  return {
    type: "custom",
    name,
    silent: true,
    z: 1,
    encode: { x: 0, y: [1, 2] },
    data,
    renderItem: (_params, api) => {
      const x = api.value(0) as number;
      const v = api.value(1) as number;
      const e = api.value(2) as number;
      const lo = api.coord([x, v - e]);
      const hi = api.coord([x, v + e]);
      return { type: "line", shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style: { stroke: color, lineWidth: 1 } };
    },
  };
}

export function buildTrendOption(input: TrendChartInput): EChartsOption {
  const theme = chartThemes[input.theme];
  const positions = trendPositions(input);
  const series: SeriesOption[] = [];
  input.series.forEach((s, i) => {
    const color = theme.palette[i % theme.palette.length]!;
    const data = trendData(s, positions);
    series.push({
      type: "scatter",
      name: s.name,
      data,
      symbolSize: 6,
      itemStyle: { color },
      large: data.length > 5000,
      encode: { x: 0, y: 1 },
      z: 2,
    });
    if (input.errorBars) series.push(errorBarSeries(s.name, data, color));
  });
  if (input.fillBands && input.xAxis !== "fill") {
    const bands = fillBandAreas(input, positions);
    const first = series[0];
    if (first && bands.length) {
      (first as { markArea?: unknown }).markArea = { silent: true, itemStyle: { color: theme.band }, data: bands.map(([a, b]) => [{ xAxis: a }, { xAxis: b }]) };
    }
  }
  return {
    animation: false,
    backgroundColor: theme.background,
    color: [...theme.palette],
    title: { text: input.title, left: "center", textStyle: { color: theme.text, fontSize: 16 } },
    legend: { top: 28, textStyle: { color: theme.text }, data: input.series.map((s) => s.name) },
    grid: { left: 70, right: 30, top: 70, bottom: 80 },
    tooltip: { trigger: "item" },
    toolbox: { right: 10, feature: { dataZoom: {}, restore: {}, saveAsImage: { name: input.title } } },
    dataZoom: [
      { type: "inside", xAxisIndex: 0 },
      { type: "slider", xAxisIndex: 0, bottom: 20, textStyle: { color: theme.muted } },
    ],
    xAxis: {
      type: input.xAxis === "time" ? "time" : "value",
      name: xTitles[input.xAxis],
      nameLocation: "middle",
      nameGap: 30,
      scale: true,
      axisLabel: { color: theme.muted, ...(input.xAxis === "duration" || input.xAxis === "luminosity" ? { show: false } : {}) },
      nameTextStyle: { color: theme.text },
      splitLine: { lineStyle: { color: theme.grid } },
    },
    yAxis: {
      type: "value",
      name: input.yTitle,
      scale: true,
      nameTextStyle: { color: theme.text },
      axisLabel: { color: theme.muted },
      splitLine: { lineStyle: { color: theme.grid } },
    },
    series,
  };
}
