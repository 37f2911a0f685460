/**
 * The trend as the page's charts need it, packed into one JSON string for the trip from loader
 * to browser: Remix's stream encoding handles one string far faster than tens of thousands of
 * numbers, and `JSON.parse` reads it back in a few milliseconds. Values are rounded for
 * display (7 significant digits, errors 3); the CSV download comes from the API at full precision.
 */
import type { XAxis as TrendAxisName } from "../../server/hdqm/x-axis";

export type { TrendAxisName };

export interface ChartSeries {
  name: string;
  plotTitle: string;
  yTitle: string;
  run: number[];
  x: (number | null)[];
  value: number[];
  error: number[];
}

export interface ChartTrend {
  xAxis: TrendAxisName;
  runs: { run: number[]; fill: (number | null)[] };
  series: ChartSeries[];
}

interface Packed {
  a: TrendAxisName;
  r: number[];
  f: (number | null)[];
  /** x is left out when it is the run number. */
  s: { n: string; t: string; y: string; r: number[]; x?: (number | null)[]; v: number[]; e: number[] }[];
}

const round = (digits: number) => (v: number) => (Number.isFinite(v) && v !== 0 ? Number(v.toPrecision(digits)) : v);

export function packTrend(t: ChartTrend): string {
  const packed: Packed = {
    a: t.xAxis,
    r: t.runs.run,
    f: t.runs.fill,
    s: t.series.map((s) => ({ n: s.name, t: s.plotTitle, y: s.yTitle, r: s.run, ...(t.xAxis === "run" ? {} : { x: s.x }), v: s.value.map(round(7)), e: s.error.map(round(3)) })),
  };
  return JSON.stringify(packed);
}

export function unpackTrend(text: string): ChartTrend {
  const p = JSON.parse(text) as Packed;
  return { xAxis: p.a, runs: { run: p.r, fill: p.f }, series: p.s.map((s) => ({ name: s.n, plotTitle: s.t, yTitle: s.y, run: s.r, x: s.x ?? s.r, value: s.v, error: s.e })) };
}
