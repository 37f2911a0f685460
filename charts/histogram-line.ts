/**
 * A stored histogram (ROOT layout: under/overflow at bins 0 and n+1, 2D global bin
 * `ix + (nx + 2)·iy`, TH1::GetBin) turned into the step line `buildHistogramOption` draws:
 * TH1 as is, TProfile as bin means (Σwy / Σw), 2D histograms projected on x (TH2::ProjectionX
 * over the real y bins), so every ME a metric reads can be shown over its reference.
 */
import type { HistogramLine } from "./histogram-option";

export interface HistogramAxisLike {
  readonly nbins: number;
  readonly min: number;
  readonly max: number;
  readonly edges?: readonly number[];
}

export interface StoredHistogramLike {
  readonly kind: "TH1" | "TH2" | "TProfile" | "TProfile2D";
  readonly x: HistogramAxisLike;
  readonly y?: HistogramAxisLike;
  readonly contents: readonly number[];
  readonly binEntries?: readonly number[];
}

export function axisEdges(a: HistogramAxisLike): number[] {
  if (a.edges && a.edges.length === a.nbins + 1) return [...a.edges];
  const w = (a.max - a.min) / a.nbins;
  return Array.from({ length: a.nbins + 1 }, (_, i) => a.min + i * w);
}

/** The line to draw and whether it is a projection (the title says so). */
export function histogramLine(h: StoredHistogramLike, label: string): HistogramLine & { projected: boolean } {
  const nx = h.x.nbins;
  const edges = axisEdges(h.x);
  const sums = new Array<number>(nx).fill(0);
  const weights = new Array<number>(nx).fill(0);
  const ny = h.y ? h.y.nbins : 0;
  for (let ix = 1; ix <= nx; ix++) {
    if (h.y) {
      for (let iy = 1; iy <= ny; iy++) {
        const g = ix + (nx + 2) * iy;
        sums[ix - 1]! += h.contents[g] ?? 0;
        weights[ix - 1]! += h.binEntries?.[g] ?? 0;
      }
    } else {
      sums[ix - 1] = h.contents[ix] ?? 0;
      weights[ix - 1] = h.binEntries?.[ix] ?? 0;
    }
  }
  const profile = h.kind === "TProfile" || h.kind === "TProfile2D";
  const contents = profile ? sums.map((s, i) => (weights[i]! > 0 ? s / weights[i]! : 0)) : sums;
  return { label, edges, contents, projected: !!h.y };
}
