/** Test helper: reads committed vectors (written by scripts/vectors/make_compare_vectors.py) and builds histograms from them. */
import { readFileSync } from "node:fs";
import type { Histogram } from "../../histograms/histogram";

export interface HistSpec {
  nx: number;
  xmin: number;
  xmax: number;
  contents: number[];
  sumw2: number[] | null;
  entries: number;
}

export function loadVectors<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./${name}.json`, import.meta.url), "utf8")) as T;
}

export function histFromSpec(s: HistSpec): Histogram {
  return {
    kind: "TH1",
    name: "h",
    title: "",
    x: { nbins: s.nx, min: s.xmin, max: s.xmax },
    contents: Float64Array.from(s.contents),
    ...(s.sumw2 ? { sumw2: Float64Array.from(s.sumw2) } : {}),
    entries: s.entries,
  };
}

/** |a − b| ≤ atol + rtol·|b|, with a readable failure message. */
export function close(a: number, b: number, rtol: number, atol = 0): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  return Math.abs(a - b) <= atol + rtol * Math.abs(b);
}

/** A TH1 (ny = 1) or TH2 from inner bins, x fastest, with zero under/overflow. */
export function histFromInner(values: readonly number[], nx: number, ny = 1): Histogram {
  const twoD = ny > 1;
  const contents = new Float64Array((nx + 2) * (twoD ? ny + 2 : 1));
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) contents[i + 1 + (nx + 2) * (twoD ? j + 1 : 0)] = values[i + nx * j]!;
  return { kind: twoD ? "TH2" : "TH1", name: "h", title: "", x: { nbins: nx, min: 0, max: nx }, ...(twoD ? { y: { nbins: ny, min: 0, max: ny } } : {}), contents, entries: values.reduce((a, b) => a + b, 0) };
}

/** A TH1 from all its cells (under/overflow included), weighted when sumw2 is given. */
export function histFromCells(contents: readonly number[], sumw2?: readonly number[]): Histogram {
  const nx = contents.length - 2;
  return { kind: "TH1", name: "h", title: "", x: { nbins: nx, min: 0, max: nx }, contents: Float64Array.from(contents), ...(sumw2 ? { sumw2: Float64Array.from(sumw2) } : {}), entries: contents.reduce((a, b) => a + b, 0) };
}

/** A TProfile2D from its per-bin Σwz and Σw over inner bins (x fastest). */
export function profile2dFromInner(p: { sumwz: readonly number[]; sumw: readonly number[] }, nx: number, ny: number): Histogram {
  return { ...histFromInner(p.sumwz, nx, ny), kind: "TProfile2D", binEntries: histFromInner(p.sumw, nx, ny).contents };
}
