/**
 * Memory layout of a comparison batch: `count` pairs of 1D histograms with `nbins` in-range bins
 * each, data and reference contents in two contiguous Float64Arrays (pair p, bin i at
 * p·nbins + i). Backed by SharedArrayBuffers so worker threads read and write them in place.
 */
export interface PairBatch {
  readonly count: number;
  readonly nbins: number;
  readonly data: Float64Array;
  readonly ref: Float64Array;
}

/** Per-pair outputs, one slot per pair. */
export interface BatchResults {
  readonly chi2: Float64Array;
  readonly ndf: Float64Array;
  readonly chi2PValue: Float64Array;
  readonly igood: Float64Array;
  readonly ksDistance: Float64Array;
  readonly ksPValue: Float64Array;
  /** DQM status code per pair: 100 OK, 70 INSUF_STAT (an empty histogram), 60 INVALID (non-finite contents). */
  readonly status: Float64Array;
}

export const RESULT_FIELDS = ["chi2", "ndf", "chi2PValue", "igood", "ksDistance", "ksPValue", "status"] as const;

function shared(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
}

export function allocateBatch(count: number, nbins: number): PairBatch {
  return { count, nbins, data: shared(count * nbins), ref: shared(count * nbins) };
}

export function allocateResults(count: number): BatchResults {
  return {
    chi2: shared(count),
    ndf: shared(count),
    chi2PValue: shared(count),
    igood: shared(count),
    ksDistance: shared(count),
    ksPValue: shared(count),
    status: shared(count),
  };
}
