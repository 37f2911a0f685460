/**
 * The trend as the page's charts need it, packed into one JSON string for the trip from loader
 * to browser: Remix's stream encoding handles one string far faster than tens of thousands of
 * numbers, and `JSON.parse` reads it back in a few milliseconds. Values are rounded for
 * display (7 significant digits, errors 3); the CSV download comes from the API at full precision.
 * Runs travel as differences and fills as runs of equal values, and a series that has the trend's
 * runs does not repeat them: a 10,000-run trend's runs and fills take a few kilobytes, not 190.
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
  /** The runs, each as its difference to the one before (the first as itself): runs come sorted, so mostly "1". */
  r: number[];
  /** The runs' fills as [fill, how many runs in a row have it] pairs, one after the other: a fill holds many runs. */
  f: (number | null)[];
  /** r (differences, as above) is left out when a series has the trend's runs; x when it is the run number. */
  s: { n: string; t: string; y: string; r?: number[]; x?: (number | null)[]; v: number[]; e: number[] }[];
}

const round = (digits: number) => (v: number) => (Number.isFinite(v) && v !== 0 ? Number(v.toPrecision(digits)) : v);

function differences(values: readonly number[]): number[] {
  return values.map((v, i) => (i === 0 ? v : v - values[i - 1]!));
}

function sums(steps: readonly number[]): number[] {
  const out = new Array<number>(steps.length);
  let at = 0;
  for (let i = 0; i < steps.length; i++) out[i] = at = i === 0 ? steps[0]! : at + steps[i]!;
  return out;
}

function runLengths(values: readonly (number | null)[]): (number | null)[] {
  const out: (number | null)[] = [];
  for (let i = 0; i < values.length; ) {
    let j = i + 1;
    while (j < values.length && values[j] === values[i]) j++;
    out.push(values[i]!, j - i);
    i = j;
  }
  return out;
}

function expandRuns(pairs: readonly (number | null)[]): (number | null)[] {
  let n = 0;
  for (let i = 1; i < pairs.length; i += 2) n += pairs[i] as number;
  const out = new Array<number | null>(n);
  for (let i = 0, k = 0; i + 1 < pairs.length; i += 2) out.fill(pairs[i]!, k, (k += pairs[i + 1] as number));
  return out;
}

const sameRuns = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

export function packTrend(t: ChartTrend): string {
  const packed: Packed = {
    a: t.xAxis,
    r: differences(t.runs.run),
    f: runLengths(t.runs.fill),
    s: t.series.map((s) => ({
      n: s.name,
      t: s.plotTitle,
      y: s.yTitle,
      ...(sameRuns(s.run, t.runs.run) ? {} : { r: differences(s.run) }),
      ...(t.xAxis === "run" ? {} : { x: s.x }),
      v: s.value.map(round(7)),
      e: s.error.map(round(3)),
    })),
  };
  return JSON.stringify(packed);
}

export function unpackTrend(text: string): ChartTrend {
  const p = JSON.parse(text) as Packed;
  const runs = sums(p.r);
  return {
    xAxis: p.a,
    runs: { run: runs, fill: expandRuns(p.f) },
    series: p.s.map((s) => {
      const run = s.r ? sums(s.r) : runs.slice();
      return { name: s.n, plotTitle: s.t, yTitle: s.y, run, x: s.x ?? run, value: s.v, error: s.e };
    }),
  };
}
