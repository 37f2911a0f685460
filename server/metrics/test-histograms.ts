import type { Histogram, HistogramKind, HistogramStats } from "../histograms/histogram";

/** Plain-JSON histograms used by the tests and the committed scipy vectors. */
export interface HistogramJson {
  kind: HistogramKind;
  name: string;
  x: { nbins: number; min: number; max: number; labels?: string[] };
  y?: { nbins: number; min: number; max: number; labels?: string[] };
  contents: number[];
  sumw2?: number[];
  binEntries?: number[];
  entries: number;
  stats?: HistogramStats;
}

export function fromJson(j: HistogramJson): Histogram {
  return {
    kind: j.kind,
    name: j.name,
    title: j.name,
    x: j.x,
    ...(j.y ? { y: j.y } : {}),
    contents: Float64Array.from(j.contents),
    ...(j.sumw2 ? { sumw2: Float64Array.from(j.sumw2) } : {}),
    ...(j.binEntries ? { binEntries: Float64Array.from(j.binEntries) } : {}),
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
