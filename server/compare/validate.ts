/** Input checks shared by the statistics: same binning, finite contents. */
import type { Axis, Histogram } from "../histograms/histogram";

function sameAxis(a: Axis, b: Axis): boolean {
  if (a.nbins !== b.nbins) return false;
  // TH1::KolmogorovTest's tolerance on the axis limits (difprec = 1e-5).
  if (Math.abs(a.min - b.min) > 1e-5 || Math.abs(a.max - b.max) > 1e-5) return false;
  if (a.edges && b.edges) return a.edges.every((e, i) => Math.abs(e - (b.edges![i] ?? Number.NaN)) <= 1e-5);
  return true;
}

/** Returns a reason when h1 and h2 cannot be compared bin by bin, else undefined. */
export function binningMismatch(h1: Histogram, h2: Histogram): string | undefined {
  if (Boolean(h1.y) !== Boolean(h2.y)) return "histograms have different dimensions";
  if (!sameAxis(h1.x, h2.x)) return `different x binning (${h1.x.nbins} bins [${h1.x.min}, ${h1.x.max}] vs ${h2.x.nbins} bins [${h2.x.min}, ${h2.x.max}])`;
  if (h1.y && h2.y && !sameAxis(h1.y, h2.y)) return "different y binning";
  return undefined;
}

/** Returns a reason when a histogram holds NaN or infinite contents or errors, else undefined. */
export function nonFinite(h: Histogram): string | undefined {
  for (const arr of [h.contents, h.sumw2, h.binEntries]) {
    if (!arr) continue;
    for (let i = 0; i < arr.length; i++) if (!Number.isFinite(arr[i]!)) return `${h.name || "histogram"} has a non-finite value in cell ${i}`;
  }
  return undefined;
}
