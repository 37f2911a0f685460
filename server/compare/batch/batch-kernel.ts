/**
 * The hot loop of the batch engine: for pairs [start, end) compute TH1::Chi2TestX in mode UU
 * (bins 1..n, no NORM) with its p-value and igood, and TH1::KolmogorovTest (no options) with
 * KolmogorovProb — the same arithmetic as chi2-test.ts and kolmogorov-test.ts, specialised to
 * unweighted 1D contents so that one pass needs no allocation and no per-bin function calls.
 */
import { chi2Prob } from "../math/gamma";
import { kolmogorovProb } from "../math/kolmogorov-prob";
import type { BatchResults, PairBatch } from "./batch-layout";

const OK = 100;
const INVALID = 60;
const INSUF_STAT = 70;

export function compareRange(batch: PairBatch, out: BatchResults, start: number, end: number): void {
  const { nbins, data, ref } = batch;
  for (let p = start; p < end; p++) {
    const o = p * nbins;
    const e = o + nbins;
    let sum1 = 0;
    let sum2 = 0;
    let negative = false;
    for (let i = o; i < e; i++) {
      const a = data[i]!;
      const b = ref[i]!;
      sum1 += a;
      sum2 += b;
      if (a < 0 || b < 0) negative = true;
    }
    // Σ|c| equals Σc, added in the same order, unless a content is negative (weights).
    let abs1 = sum1;
    let abs2 = sum2;
    if (negative) {
      abs1 = 0;
      abs2 = 0;
      for (let i = o; i < e; i++) {
        abs1 += Math.abs(data[i]!);
        abs2 += Math.abs(ref[i]!);
      }
    }
    let finite = true;
    if (!Number.isFinite(sum1 + sum2 + abs1 + abs2)) finite = false;
    if (!finite || sum1 === 0 || sum2 === 0) {
      out.chi2[p] = finite ? 0 : Number.NaN;
      out.ndf[p] = finite ? nbins - 1 : Number.NaN;
      out.chi2PValue[p] = 0;
      out.igood[p] = 0;
      out.ksDistance[p] = Number.NaN;
      out.ksPValue[p] = 0;
      out.status[p] = finite ? INSUF_STAT : INVALID;
      continue;
    }
    // χ² UU (Gagunashvili): Σ (s2·c1 − s1·c2)² / (c1 + c2) / (s1·s2), skipping bins empty in both.
    // KS: running normalised sums, D = max |F1 − F2|, effective entries (Σc)²/Σ|c|.
    const s1 = 1 / sum1;
    const s2 = 1 / sum2;
    let chi2 = 0;
    let ndf = nbins - 1;
    let m = 0;
    let n = 0;
    let r1 = 0;
    let r2 = 0;
    let dmax = 0;
    for (let i = o; i < e; i++) {
      const c1 = data[i]!;
      const c2 = ref[i]!;
      r1 += s1 * c1;
      r2 += s2 * c2;
      const d = r1 > r2 ? r1 - r2 : r2 - r1;
      if (d > dmax) dmax = d;
      // Int_t(c) == 0 of ROOT, i.e. −1 < c < 1, without two calls to Math.trunc; a filled bin
      // (c1 ≥ 1, the common case) is decided by one comparison.
      if (c1 < 1) {
        if (c1 > -1 && c2 < 1 && c2 > -1) {
          ndf--;
          continue;
        }
        m++;
      }
      if (c2 < 1) n++;
      const delta = sum2 * c1 - sum1 * c2;
      chi2 += (delta * delta) / (c1 + c2);
    }
    chi2 /= sum1 * sum2;
    const e1 = (sum1 * sum1) / abs1;
    const e2 = (sum2 * sum2) / abs2;
    out.chi2[p] = chi2;
    out.ndf[p] = ndf;
    out.chi2PValue[p] = chi2Prob(chi2, ndf);
    out.igood[p] = (m ? 1 : 0) + (n ? 2 : 0);
    out.ksDistance[p] = dmax;
    out.ksPValue[p] = kolmogorovProb(dmax * Math.sqrt((e1 * e2) / (e1 + e2)));
    out.status[p] = OK;
  }
}
