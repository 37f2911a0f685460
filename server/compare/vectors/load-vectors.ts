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
