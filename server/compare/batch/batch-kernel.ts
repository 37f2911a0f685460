/**
 * The batch kernel: for pairs [start, end) TH1::Chi2TestX in mode UU (bins 1..n, no NORM) with
 * its p-value and igood, and TH1::KolmogorovTest (no options) with KolmogorovProb — the same
 * arithmetic as chi2-test.ts and kolmogorov-test.ts, specialised to unweighted 1D contents.
 * The per-bin loops run in WebAssembly (batch-kernel.wat) on the batch's shared memory; the
 * p-values, per pair, here.
 */
import { readFileSync } from "node:fs";
import { chi2Prob } from "../math/gamma";
import { kolmogorovProb } from "../math/kolmogorov-prob";
import { type BatchResults, type PairBatch, SCRATCH_PER_PAIR } from "./batch-layout";
import { KERNEL_WASM } from "./kernel-source";

const OK = 100;
const INVALID = 60;
const INSUF_STAT = 70;

type PairsLoop = (data: number, ref: number, nbins: number, count: number, out: number) => void;

let compiled: WebAssembly.Module | undefined;
const loops = new WeakMap<WebAssembly.Memory, PairsLoop>();

/** The kernel's loops bound to a batch's memory (one instance per memory and thread). */
function pairsLoop(memory: WebAssembly.Memory): PairsLoop {
  let loop = loops.get(memory);
  if (!loop) {
    compiled ??= new WebAssembly.Module(readFileSync(KERNEL_WASM));
    const instance = new WebAssembly.Instance(compiled, { env: { memory } });
    loop = instance.exports.pairs as PairsLoop;
    loops.set(memory, loop);
  }
  return loop;
}

export function compareRange(batch: PairBatch, out: BatchResults, start: number, end: number): void {
  if (end <= start) return;
  const { nbins, memory } = batch;
  const pairBytes = nbins * 8;
  pairsLoop(memory)(batch.dataOffset + start * pairBytes, batch.refOffset + start * pairBytes, nbins, end - start, batch.scratchOffset + start * SCRATCH_PER_PAIR * 8);
  const scratch = new Float64Array(memory.buffer, batch.scratchOffset + start * SCRATCH_PER_PAIR * 8, (end - start) * SCRATCH_PER_PAIR);
  for (let p = start, q = 0; p < end; p++, q += SCRATCH_PER_PAIR) {
    const sum1 = scratch[q]!;
    const sum2 = scratch[q + 1]!;
    const abs1 = scratch[q + 2]!;
    const abs2 = scratch[q + 3]!;
    const finite = Number.isFinite(sum1 + sum2 + abs1 + abs2);
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
    const chi2 = scratch[q + 4]!;
    const ndf = scratch[q + 5]!;
    const dmax = scratch[q + 7]!;
    // Effective entries (Σc)²/Σ|c| of each histogram, as TH1::KolmogorovTest.
    const e1 = (sum1 * sum1) / abs1;
    const e2 = (sum2 * sum2) / abs2;
    out.chi2[p] = chi2;
    out.ndf[p] = ndf;
    out.chi2PValue[p] = chi2Prob(chi2, ndf);
    out.igood[p] = scratch[q + 6]!;
    out.ksDistance[p] = dmax;
    out.ksPValue[p] = kolmogorovProb(dmax * Math.sqrt((e1 * e2) / (e1 + e2)));
    out.status[p] = OK;
  }
}
