/**
 * Memory layout of a comparison batch: `count` pairs of 1D histograms with `nbins` in-range bins
 * each, data and reference contents in two contiguous Float64Arrays (pair p, bin i at
 * p·nbins + i). Both live in one shared WebAssembly memory — the kernel's loops run in
 * WebAssembly on it, and worker threads read and write it in place — followed by a scratch area
 * of 8 f64 per pair where the loops leave their sums for the p-values.
 */
export interface PairBatch {
  readonly count: number;
  readonly nbins: number;
  readonly data: Float64Array;
  readonly ref: Float64Array;
  /** The memory `data`, `ref` and the scratch area are views of (byte offsets below). */
  readonly memory: WebAssembly.Memory;
  readonly dataOffset: number;
  readonly refOffset: number;
  readonly scratchOffset: number;
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

/** f64 the kernel writes per pair in the scratch area: sum1, sum2, abs1, abs2, chi2, ndf, igood, dmax. */
export const SCRATCH_PER_PAIR = 8;

const PAGE = 65_536;
/** A 32-bit WebAssembly memory holds at most 65,536 pages (4 GiB). */
const MAX_PAGES = 65_536;

function shared(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
}

export function allocateBatch(count: number, nbins: number): PairBatch {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`a batch needs a whole, non-negative number of pairs, not ${count}`);
  if (!Number.isInteger(nbins) || nbins < 1) throw new RangeError(`a batch needs histograms of at least one bin, not ${nbins}`);
  const contentBytes = count * nbins * 8;
  const bytes = 2 * contentBytes + count * SCRATCH_PER_PAIR * 8;
  const pages = Math.max(1, Math.ceil(bytes / PAGE));
  if (pages > MAX_PAGES) {
    throw new RangeError(`a batch of ${count} pairs of ${nbins} bins needs ${(bytes / 2 ** 30).toFixed(1)} GiB; at most 4 GiB fit in one batch, so split it`);
  }
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  return {
    count,
    nbins,
    memory,
    dataOffset: 0,
    refOffset: contentBytes,
    scratchOffset: 2 * contentBytes,
    data: new Float64Array(memory.buffer, 0, count * nbins),
    ref: new Float64Array(memory.buffer, contentBytes, count * nbins),
  };
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
