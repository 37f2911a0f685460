import type { Axis, Histogram, HistogramKind, HistogramStats } from "../histograms/histogram";

interface AxisJson {
  nbins: number;
  min: number;
  max: number;
  labels?: string[];
  /** Variable bin edges, nbins + 1 values. */
  edges?: number[];
}

function axisFromJson(a: AxisJson): Axis {
  const { edges, ...rest } = a;
  return edges ? { ...rest, edges: Float64Array.from(edges) } : rest;
}

/** Plain-JSON histograms used by the tests and the committed scipy vectors. */
export interface HistogramJson {
  kind: HistogramKind;
  name: string;
  x: AxisJson;
  y?: AxisJson;
  contents: number[];
  sumw2?: number[];
  binEntries?: number[];
  binSumw2?: number[];
  entries: number;
  stats?: HistogramStats;
}

export function fromJson(j: HistogramJson): Histogram {
  return {
    kind: j.kind,
    name: j.name,
    title: j.name,
    x: axisFromJson(j.x),
    ...(j.y ? { y: axisFromJson(j.y) } : {}),
    contents: Float64Array.from(j.contents),
    ...(j.sumw2 ? { sumw2: Float64Array.from(j.sumw2) } : {}),
    ...(j.binEntries ? { binEntries: Float64Array.from(j.binEntries) } : {}),
    ...(j.binSumw2 ? { binSumw2: Float64Array.from(j.binSumw2) } : {}),
    entries: j.entries,
    ...(j.stats ? { stats: j.stats } : {}),
  };
}

/** A 1D histogram from its real-bin contents (under/overflow zero). */
export function h1(values: readonly number[], min = 0, max = values.length, extra: Partial<HistogramJson> = {}): Histogram {
  const entries = values.reduce((a, b) => a + b, 0);
  return fromJson({ kind: "TH1", name: "h", x: { nbins: values.length, min, max }, contents: [0, ...values, 0], entries, ...extra });
}

/** A 2D histogram from rows of real-bin contents, rows[iy-1][ix-1]. */
export function h2(rows: readonly (readonly number[])[], extra: Partial<HistogramJson> = {}): Histogram {
  const ny = rows.length;
  const nx = rows[0]?.length ?? 0;
  const contents = new Array<number>((nx + 2) * (ny + 2)).fill(0);
  let entries = 0;
  rows.forEach((row, iy) =>
    row.forEach((v, ix) => {
      contents[ix + 1 + (nx + 2) * (iy + 1)] = v;
      entries += v;
    }),
  );
  return fromJson({ kind: "TH2", name: "h2", x: { nbins: nx, min: 0, max: nx }, y: { nbins: ny, min: 0, max: ny }, contents, entries, ...extra });
}
