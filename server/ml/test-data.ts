/** Test helpers: real ML4DQM rows from the shared data folder and small synthetic histograms. */
import { readFileSync } from "node:fs";
import { parseMl4dqmCsv, type Ml4dqmRow } from "../histograms/from-ml4dqm-csv";
import type { Histogram } from "../histograms/histogram";

export const MAIN_DIAGONAL_CSV = new URL("../../../shared/data/ml4dqm/MainDiagonal_even_runs.csv", import.meta.url).pathname;
export const MAIN_DIAGONAL = "MainDiagonal Position";

let cached: Ml4dqmRow[] | undefined;

/** All rows of MainDiagonal_even_runs.csv sorted by (run, lumi), parsed once per test file. */
export function mainDiagonalRows(): Ml4dqmRow[] {
  cached ??= parseMl4dqmCsv(readFileSync(MAIN_DIAGONAL_CSV, "utf8")).sort((a, b) => a.run - b.run || a.lumi - b.lumi);
  return cached;
}

export function th1(contents: number[], opts: { name?: string; min?: number; max?: number } = {}): Histogram {
  return {
    kind: "TH1",
    name: opts.name ?? "h",
    title: "",
    x: { nbins: contents.length - 2, min: opts.min ?? 0, max: opts.max ?? 1 },
    contents: Float64Array.from(contents),
    entries: contents.reduce((s, c) => s + c, 0),
  };
}
