import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Histogram } from "../../histograms/histogram";
import { chi2Test } from "../chi2-test";
import { kolmogorovTest } from "../kolmogorov-test";
import { seededRng } from "../math/rng";
import { allocateBatch, allocateResults } from "./batch-layout";
import { compareRange } from "./batch-kernel";
import { createComparePool } from "./batch-pool";
import { compileKernelWat, KERNEL_WASM, KERNEL_WAT } from "./kernel-source";

function fill(count: number, nbins: number) {
  const b = allocateBatch(count, nbins);
  const rng = seededRng(3);
  for (let i = 0; i < b.data.length; i++) {
    const bin = i % nbins;
    const shape = Math.exp(-0.5 * ((bin - nbins / 2) / (nbins / 6)) ** 2);
    b.data[i] = Math.floor(40 * shape * rng.next() * 2);
    b.ref[i] = Math.floor(60 * shape * rng.next() * 2);
  }
  return b;
}

const hist = (arr: Float64Array, p: number, nbins: number): Histogram => {
  const contents = new Float64Array(nbins + 2);
  contents.set(arr.subarray(p * nbins, (p + 1) * nbins), 1);
  return { kind: "TH1", name: "", title: "", x: { nbins, min: 0, max: 1 }, contents, entries: 0 };
};

describe("batch kernel", () => {
  it("gives exactly what chi2Test (UU) and kolmogorovTest give pair by pair", () => {
    const b = fill(50, 100);
    b.data.fill(0, 7 * 100, 8 * 100); // an empty data histogram
    b.ref[9 * 100 + 4] = Number.NaN;
    // Negative contents (weights) take the kernel's Σ|c| path for KS's effective entries.
    b.data[11 * 100 + 30] = -5;
    b.ref[12 * 100 + 60] = -0.5;
    // Fractional contents: ROOT's Int_t(c) == 0 counts a bin of 0.5 and 0.3 as empty in both.
    b.data[13 * 100 + 2] = 0.5;
    b.ref[13 * 100 + 2] = 0.3;
    b.data[14 * 100 + 98] = 0.5;
    b.ref[14 * 100 + 98] = 2.5;
    const out = allocateResults(50);
    compareRange(b, out, 0, 50);
    // A sub-range (as a pool slice computes it) gives the same as the whole.
    const part = allocateResults(50);
    compareRange(b, part, 20, 30);
    expect(Array.from(part.chi2.subarray(20, 30))).toEqual(Array.from(out.chi2.subarray(20, 30)));
    expect(Array.from(part.ksPValue.subarray(20, 30))).toEqual(Array.from(out.ksPValue.subarray(20, 30)));
    for (let p = 0; p < 50; p++) {
      const c = chi2Test(hist(b.data, p, 100), hist(b.ref, p, 100), { mode: "UU" });
      const k = kolmogorovTest(hist(b.data, p, 100), hist(b.ref, p, 100));
      if (p === 7) expect(out.status[p]).toBe(70);
      else if (p === 9) expect(out.status[p]).toBe(60);
      else {
        expect(out.status[p]).toBe(100);
        expect(out.chi2[p]).toBe(c.statistic);
        expect(out.ndf[p]).toBe(c.ndf);
        expect(out.chi2PValue[p]).toBe(c.pValue);
        expect(out.igood[p]).toBe(c.igood);
        expect(out.ksDistance[p]).toBe(k.statistic);
        expect(out.ksPValue[p]).toBe(k.pValue);
      }
    }
  });

  it("stays bit-identical over 2,000 random pairs of four scales, with fractional and negative contents", () => {
    const count = 2000;
    const nbins = 100;
    const b = allocateBatch(count, nbins);
    const rng = seededRng(11);
    for (let i = 0; i < b.data.length; i++) {
      const p = Math.floor(i / nbins);
      const shape = Math.exp(-0.5 * (((i % nbins) - 50) / (5 + (p % 30))) ** 2);
      const scale = [0.3, 2, 20, 300][p % 4]!;
      b.data[i] = Math.round(scale * shape * 2 * rng.next()) * (p % 7 === 0 ? 0.5 : 1);
      b.ref[i] = Math.round(scale * 1.5 * shape * 2 * rng.next()) - (p % 11 === 0 && rng.next() < 0.05 ? 3 : 0);
    }
    const out = allocateResults(count);
    compareRange(b, out, 0, count);
    let compared = 0;
    for (let p = 0; p < count; p++) {
      if (out.status[p] !== 100) continue;
      compared++;
      const c = chi2Test(hist(b.data, p, nbins), hist(b.ref, p, nbins), { mode: "UU" });
      const k = kolmogorovTest(hist(b.data, p, nbins), hist(b.ref, p, nbins));
      expect([out.chi2[p], out.ndf[p], out.chi2PValue[p], out.igood[p], out.ksDistance[p], out.ksPValue[p]]).toEqual([c.statistic, c.ndf, c.pValue, c.igood, k.statistic, k.pValue]);
    }
    expect(compared).toBeGreaterThan(1800);
  });

  it("runs the committed binary, which is the compilation of the committed source", async () => {
    const compiled = await compileKernelWat(readFileSync(KERNEL_WAT, "utf8"));
    expect(Buffer.compare(Buffer.from(compiled), readFileSync(KERNEL_WASM))).toBe(0);
  });

  it("refuses a batch that cannot fit one WebAssembly memory, naming its size", () => {
    expect(() => allocateBatch(3_000_000, 100)).toThrow(/3000000 pairs of 100 bins needs 4\.6 GiB.*split it/);
    expect(() => allocateBatch(10, 0)).toThrow(/at least one bin/);
    expect(allocateBatch(0, 100).data).toHaveLength(0);
  });

  it("the worker pool writes the same results as one thread", async () => {
    const b = fill(400, 100);
    const single = allocateResults(400);
    compareRange(b, single, 0, 400);
    const pool = createComparePool(2);
    try {
      const out = await pool.compare(b);
      expect(Array.from(out.chi2PValue)).toEqual(Array.from(single.chi2PValue));
      expect(Array.from(out.ksPValue)).toEqual(Array.from(single.ksPValue));
    } finally {
      await pool.close();
    }
  }, 30_000);
});
