/**
 * Histogram → model input: the shape normalised to unit area (optionally without under- and
 * overflow), with the entries count kept beside it because the shape alone hides how many
 * fills produced it. An empty histogram has no shape: its vector is all zeros and it is flagged.
 */
import type { Histogram } from "../histograms/histogram";
import { MlError } from "./errors";

export interface PreprocessOptions {
  /** Drop the underflow and overflow cells before normalising. */
  readonly dropUnderOverflow: boolean;
}

export interface Prepared {
  readonly shape: Float64Array;
  readonly entries: number;
  readonly empty: boolean;
}

/** The number of model inputs for a histogram with `nbins` bins. */
export function inputLength(nbins: number, opts: PreprocessOptions): number {
  return opts.dropUnderOverflow ? nbins : nbins + 2;
}

export function preprocess(h: Histogram, opts: PreprocessOptions): Prepared {
  if (h.kind !== "TH1" || h.y) throw new MlError("bad-parameter", `anomaly models take 1D histograms, got ${h.kind}`);
  const from = opts.dropUnderOverflow ? 1 : 0;
  const to = opts.dropUnderOverflow ? h.x.nbins + 1 : h.x.nbins + 2;
  const shape = new Float64Array(to - from);
  let total = 0;
  for (let i = from; i < to; i++) {
    // Negative contents cannot come from counting; treat them as zero rather than let them cancel.
    const c = Math.max(0, h.contents[i] ?? 0);
    shape[i - from] = c;
    total += c;
  }
  if (total > 0) for (let i = 0; i < shape.length; i++) shape[i] = (shape[i] ?? 0) / total;
  return { shape, entries: Math.max(0, h.entries), empty: total === 0 };
}
