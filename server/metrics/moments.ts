import { binCenter, binErrorSquared, globalBin, type Histogram } from "../histograms/histogram";
import { isProfile } from "./histogram-access";
import { MetricError } from "./metric-error";
import type { MetricResult } from "./metric-types";

/**
 * Mean and standard deviation with ROOT's errors.
 *
 * Source: ROOT hist/hist/src/TH1.cxx — TH1::GetStats, TH1::GetMean, TH1::GetStdDev,
 * TH1::GetMeanError, TH1::GetStdDevError, TH1::GetEffectiveEntries; TProfile::GetStats for
 * profiles. Moments come from the running sums when the file carries them (they include the
 * exact fill values), else from bin centres over bins 1..n (ROOT's fallback when fTsumw = 0).
 */

export type StatAxis = "x" | "y" | "z";

interface Sums {
  sumw: number;
  sumw2: number;
  sw: number;
  sw2: number;
}

/** Sums over bin centres, ROOT's GetStats fallback: w = content, w2 = error², x = centre. */
function sumsFromBins(h: Histogram, axis: StatAxis): Sums {
  const s: Sums = { sumw: 0, sumw2: 0, sw: 0, sw2: 0 };
  const ny = h.y ? h.y.nbins : 0;
  for (let iy = ny > 0 ? 1 : 0; iy <= ny; iy++) {
    for (let ix = 1; ix <= h.x.nbins; ix++) {
      const cell = globalBin(h, ix, iy);
      if (isProfile(h)) {
        // TProfile::GetStats: weights are the bin entries; the profiled value's sums are fArray/fSumw2.
        const w = h.binEntries?.[cell] ?? 0;
        s.sumw += w;
        s.sumw2 += h.binSumw2?.[cell] ?? w;
        if ((axis === "y" && !h.y) || axis === "z") {
          s.sw += h.contents[cell] ?? 0;
          s.sw2 += h.sumw2?.[cell] ?? 0;
        } else {
          const v = axis === "x" ? binCenter(h.x, ix) : binCenter(h.y ?? h.x, iy);
          s.sw += w * v;
          s.sw2 += w * v * v;
        }
      } else {
        const w = h.contents[cell] ?? 0;
        const v = axis === "x" ? binCenter(h.x, ix) : binCenter(h.y ?? h.x, iy);
        s.sumw += w;
        s.sumw2 += binErrorSquared(h, cell);
        s.sw += w * v;
        s.sw2 += w * v * v;
      }
    }
  }
  return s;
}

function checkAxis(h: Histogram, axis: StatAxis): void {
  // y exists for 2D histograms and for 1D profiles (the profiled quantity); z only for TProfile2D.
  const ok = axis === "x" || (axis === "y" && (h.y !== undefined || h.kind === "TProfile")) || (axis === "z" && h.kind === "TProfile2D");
  if (!ok) throw new MetricError("wrong-dimension", `${h.kind} '${h.name}' has no ${axis} statistics`);
}

/** The four sums ROOT uses for one axis: Σw, Σw², Σw·v, Σw·v². */
export function axisSums(h: Histogram, axis: StatAxis): Sums {
  checkAxis(h, axis);
  const st = h.stats;
  // TProfile2D's z sums are not part of the shared model's running stats: always from bins.
  if (st && st.sumw !== 0 && axis !== "z") {
    if (axis === "x") return { sumw: st.sumw, sumw2: st.sumw2, sw: st.sumwx, sw2: st.sumwx2 };
    if (st.sumwy !== undefined && st.sumwy2 !== undefined) return { sumw: st.sumw, sumw2: st.sumw2, sw: st.sumwy, sw2: st.sumwy2 };
  }
  return sumsFromBins(h, axis);
}

function nonEmpty(h: Histogram, s: Sums): void {
  if (s.sumw === 0) throw new MetricError("empty", `'${h.name}' has no entries in range`);
}

/** TH1::GetEffectiveEntries: (Σw)² / Σw². */
export function effectiveEntries(s: Sums): number {
  return s.sumw2 > 0 ? (s.sumw * s.sumw) / s.sumw2 : 0;
}

/** TH1::GetStdDev: √|Σw·v²/Σw − mean²|. */
function stdDevOf(s: Sums): number {
  const m = s.sw / s.sumw;
  return Math.sqrt(Math.abs(s.sw2 / s.sumw - m * m));
}

/** TH1::GetMean with TH1::GetMeanError = stdDev / √neff. */
export function mean(h: Histogram, axis: StatAxis = "x"): MetricResult {
  const s = axisSums(h, axis);
  nonEmpty(h, s);
  const neff = effectiveEntries(s);
  return { value: s.sw / s.sumw, error: neff > 0 ? stdDevOf(s) / Math.sqrt(neff) : 0 };
}

/** TH1::GetStdDev with TH1::GetStdDevError = stdDev·√(0.5/neff) (normal approximation). */
export function stdDev(h: Histogram, axis: StatAxis = "x"): MetricResult {
  const s = axisSums(h, axis);
  nonEmpty(h, s);
  const neff = effectiveEntries(s);
  const sd = stdDevOf(s);
  return { value: sd, error: neff > 0 ? sd * Math.sqrt(0.5 / neff) : 0 };
}
