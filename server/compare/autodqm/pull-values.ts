/**
 * AutoDQM pull values (AutoDQM plugins/pullvals.py): the data histogram is scaled to the
 * reference (whole histogram, per row or per column), each bin's pull is
 * (d − r)/√(σd² + σr²) with asymmetric Poisson errors taken on the sides facing each other, and
 * the summary is χ² = Σ pull²/nbins and the maximum |pull|. A histogram is an outlier when it
 * has enough entries and χ² > chi2Cut or max |pull| > pullCut.
 */
import { binContent } from "../../histograms/bin-values";
import type { Histogram } from "../../histograms/histogram";
import type { TestResult } from "../result";
import { failed } from "../result";
import { binningMismatch, nonFinite } from "../validate";
import { autodqmErrors } from "./poisson-errors";

export type Normalisation = "whole" | "row" | "column";

export interface PullOptions {
  readonly normalisation?: Normalisation;
  readonly pullCap?: number;
  readonly chi2Cut?: number;
  readonly pullCut?: number;
  readonly minEntries?: number;
}

export interface PullResult extends TestResult {
  readonly maxPull?: number;
  readonly isOutlier?: boolean;
  /** Pulls clamped to ±pullCap, x fastest, bins without under/overflow; NaN where both bins are empty. */
  readonly pulls?: Float64Array;
}

/**
 * Bin values without under/overflow as an nx·ny array, x fastest: what AutoDQM reads with
 * uproot's `values()` — contents for TH1/TH2, bin means Σwz/Σw (0 where Σw = 0) for profiles.
 */
export function innerBins(h: Histogram): { nx: number; ny: number; values: Float64Array } {
  const nx = h.x.nbins;
  const ny = h.y ? h.y.nbins : 1;
  const values = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) values[i + nx * j] = binContent(h, i + 1 + (nx + 2) * (h.y ? j + 1 : 0));
  return { nx, ny, values };
}

/**
 * normalize_rows of AutoDQM master (plugins/pullvals.py, `numpy.divide(ref_sum, data_sum,
 * where=data_sum != 0, out=ones)`): each group of data bins is scaled by ref sum / data sum, 1
 * when the data group sums to 0 — so a data group facing an empty reference group is zeroed.
 */
function scaleGroups(d: Float64Array, r: Float64Array, groups: number, size: number, index: (g: number, k: number) => number): void {
  for (let g = 0; g < groups; g++) {
    let rrow = 0;
    let frow = 0;
    for (let k = 0; k < size; k++) {
      rrow += r[index(g, k)]!;
      frow += d[index(g, k)]!;
    }
    const sf = frow !== 0 ? rrow / frow : 1;
    for (let k = 0; k < size; k++) d[index(g, k)]! *= sf;
  }
}

export function pullValues(data: Histogram, ref: Histogram, o: PullOptions = {}): PullResult {
  const test = "pullValues";
  const mismatch = binningMismatch(data, ref);
  if (mismatch) return failed(test, "INVALID", mismatch);
  const bad = nonFinite(data) ?? nonFinite(ref);
  if (bad) return failed(test, "INVALID", bad);
  const pullCap = o.pullCap ?? 25;
  const { nx, ny, values: d } = innerBins(data);
  const r = innerBins(ref).values;
  let dataEntries = 0;
  let refEntries = 0;
  for (let i = 0; i < d.length; i++) {
    dataEntries += d[i]!;
    refEntries += r[i]!;
  }
  const norm = o.normalisation ?? "whole";
  if (norm === "row") scaleGroups(d, r, ny, nx, (g, k) => k + nx * g);
  else if (norm === "column") scaleGroups(d, r, nx, ny, (g, k) => g + nx * k);
  else if (dataEntries > 0) for (let i = 0; i < d.length; i++) d[i] = (d[i]! * refEntries) / dataEntries;

  const pulls = new Float64Array(d.length);
  let chi2 = 0;
  let maxPull = 0;
  for (let i = 0; i < d.length; i++) {
    const b1 = d[i]!;
    const b2 = r[i]!;
    const [d0, d1] = autodqmErrors(b1);
    const [r0, r1] = autodqmErrors(b2);
    const e1 = b1 < b2 ? d1 : d0;
    const e2 = b1 < b2 ? r0 : r1;
    const pull = e1 === 0 && e2 === 0 ? 0 : (b1 - b2) / Math.sqrt(e1 * e1 + e2 * e2);
    chi2 += pull * pull;
    maxPull = Math.max(maxPull, Math.abs(pull));
    pulls[i] = b1 === 0 && b2 === 0 ? Number.NaN : Math.max(Math.min(pull, pullCap), -pullCap);
  }
  chi2 /= d.length;
  const isGood = dataEntries !== 0 && dataEntries >= (o.minEntries ?? 0);
  const isOutlier = isGood && (chi2 > (o.chi2Cut ?? 500) || maxPull > (o.pullCut ?? 20));
  return {
    test,
    statistic: chi2,
    maxPull,
    isOutlier,
    pulls,
    status: !isGood ? "INSUF_STAT" : isOutlier ? "ERROR" : "OK",
    ...(isGood ? {} : { message: `data has ${dataEntries} entries (minimum ${o.minEntries ?? 0})` }),
  };
}
