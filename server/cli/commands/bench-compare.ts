/**
 * `dqmflow bench compare [--json] [--pairs N]`: 100,000 pairs of 100-bin histograms through
 * χ² UU + p-value and KS + KolmogorovProb, on one thread and on the worker pool, and the same
 * work in scipy (per pair) and vectorised numpy in the same run, as pairs per second and ratios.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { allocateBatch, allocateResults, type PairBatch } from "../../compare/batch/batch-layout";
import { compareRange } from "../../compare/batch/batch-kernel";
import { createComparePool } from "../../compare/batch/batch-pool";
import { poisson, seededRng } from "../../compare/math/rng";
import type { CliCommand } from "../main";

/** The C reference quoted in issue 7 (pairs/s on one core of these machines). */
const C_PAIRS_PER_SECOND = 1.7e6;
/** Bins per histogram of the benchmark pairs (shared with `compare --bench`). */
export const NBINS = 100;

/** Gaussian-shaped histograms with Poisson noise, ~2,000 (data) and ~3,000 (reference) entries. */
/** `count` pairs of 100-bin Gaussian histograms with Poisson noise and a random shift (seeded). */
export function makeBatch(count: number): PairBatch {
  const b = allocateBatch(count, NBINS);
  const rng = seededRng(2017);
  const u = (): number => rng.next();
  for (let p = 0; p < count; p++) {
    const shift = (u() - 0.5) * 4;
    for (let i = 0; i < NBINS; i++) {
      const g = Math.exp(-0.5 * ((i - 50) / 15) ** 2) / (15 * Math.sqrt(2 * Math.PI));
      const gd = Math.exp(-0.5 * ((i - 50 - shift) / 15) ** 2) / (15 * Math.sqrt(2 * Math.PI));
      b.data[p * NBINS + i] = poisson(2000 * gd, rng);
      b.ref[p * NBINS + i] = poisson(3000 * g, rng);
    }
  }
  return b;
}

function bestOf(runs: number, f: () => void): number {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    f();
    best = Math.min(best, performance.now() - t0);
  }
  return best / 1000;
}

function pythonInterpreter(): string {
  const r = spawnSync("bash", ["scripts/python-env.sh"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`scripts/python-env.sh failed: ${r.stderr}`);
  return r.stdout.trim();
}

export const benchCommand: CliCommand = {
  summary: "benchmarks: `bench compare` times the comparison engine against scipy and numpy",
  async run(args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: "boolean", default: false }, pairs: { type: "string", default: "100000" }, "no-python": { type: "boolean", default: false } } });
    if (positionals[0] !== "compare") {
      console.error("usage: dqmflow bench compare [--json] [--pairs N]");
      return 2;
    }
    const count = Number(values.pairs);
    const batch = makeBatch(count);
    const out = allocateResults(count);
    compareRange(batch, out, 0, Math.min(count, 5000));
    const single = count / bestOf(3, () => compareRange(batch, out, 0, count));

    const threads = availableParallelism();
    const pool = createComparePool(threads);
    let poolRate: number;
    try {
      await pool.compare(batch);
      let best = Infinity;
      for (let r = 0; r < 3; r++) {
        const t0 = performance.now();
        await pool.compare(batch, out);
        best = Math.min(best, performance.now() - t0);
      }
      poolRate = count / (best / 1000);
    } finally {
      await pool.close();
    }

    let python: { scipyPerPair: number; numpyVectorised: number } | undefined;
    if (!values["no-python"]) {
      const dir = mkdtempSync(join(tmpdir(), "dqmflow-bench-"));
      try {
        const file = join(dir, "pairs.f64");
        writeFileSync(file, Buffer.concat([Buffer.from(batch.data.buffer, batch.data.byteOffset, batch.data.byteLength), Buffer.from(batch.ref.buffer, batch.ref.byteOffset, batch.ref.byteLength)]));
        const r = spawnSync(pythonInterpreter(), ["scripts/bench/bench_compare.py", file, String(count), String(NBINS)], { encoding: "utf8" });
        if (r.status !== 0) throw new Error(`bench_compare.py failed: ${r.stderr}`);
        python = JSON.parse(r.stdout) as { scipyPerPair: number; numpyVectorised: number };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const result = {
      pairs: count,
      nbins: NBINS,
      threads,
      pairsPerSecond: { singleThread: single, pool: poolRate, ...(python ? { scipyPerPair: python.scipyPerPair, numpyVectorised: python.numpyVectorised } : {}), cReference: C_PAIRS_PER_SECOND },
      ratios: {
        poolOverSingle: poolRate / single,
        singleOverC: single / C_PAIRS_PER_SECOND,
        ...(python ? { singleOverScipy: single / python.scipyPerPair, singleOverNumpy: single / python.numpyVectorised, poolOverNumpy: poolRate / python.numpyVectorised } : {}),
      },
    };
    if (values.json) console.log(JSON.stringify(result));
    else {
      const fmt = (x: number): string => Math.round(x).toLocaleString("en-US");
      console.log(`bench compare: ${count.toLocaleString("en-US")} pairs × ${NBINS} bins, χ² UU + p-value and KS + KolmogorovProb`);
      for (const [k, v] of Object.entries(result.pairsPerSecond)) console.log(`  ${k.padEnd(16)} ${fmt(v).padStart(12)} pairs/s`);
      for (const [k, v] of Object.entries(result.ratios)) console.log(`  ${k.padEnd(16)} ${v.toFixed(2).padStart(12)}×`);
    }
    return 0;
  },
};
