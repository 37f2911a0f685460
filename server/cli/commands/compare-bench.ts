/**
 * `dqmflow compare --bench [--count N] [--json]`: the batch mode end to end — N pairs (default
 * 100,000) of 100-bin histograms read from a JSON-lines file, parsed, compared (χ² UU + KS) on
 * the worker pool and written as JSON lines to a file — beside the kernel's single-thread rate on
 * the same pairs measured in the same run (what `dqmflow bench compare` reports as singleThread),
 * as pairs per second and their ratio (goal ≥ 0.5). The pairs are drawn as bench compare draws
 * them: Gaussian shapes with Poisson noise, ~2,000 (data) and ~3,000 (reference) entries.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { compareRange } from "../../compare/batch/batch-kernel";
import { allocateBatch, allocateResults, type PairBatch } from "../../compare/batch/batch-layout";
import { createComparePool } from "../../compare/batch/batch-pool";
import { comparePairsFile } from "../../compare/cli/pairs-batch";
import { makeBatch, NBINS } from "./bench-compare";

const GOAL = 0.5;

function writeJsonl(batch: PairBatch, file: string): void {
  const lines: string[] = [];
  for (let p = 0; p < batch.count; p++) {
    const d = Array.from(batch.data.subarray(p * NBINS, (p + 1) * NBINS)).join(",");
    const r = Array.from(batch.ref.subarray(p * NBINS, (p + 1) * NBINS)).join(",");
    lines.push(`{"id":"pair-${p}","data":[${d}],"ref":[${r}]}\n`);
  }
  writeFileSync(file, lines.join(""));
}

async function timed<T>(f: () => Promise<T> | T): Promise<number> {
  const t0 = performance.now();
  await f();
  return (performance.now() - t0) / 1000;
}

export async function runCompareBench(countArg: string | undefined, json: boolean): Promise<number> {
  const count = Number(countArg ?? 100_000);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--count takes a whole number of pairs, not '${countArg}'`);
  const dir = mkdtempSync(join(tmpdir(), "dqmflow-compare-bench-"));
  try {
    const batch = makeBatch(count);
    const input = join(dir, "pairs.jsonl");
    const output = join(dir, "results.jsonl");
    writeJsonl(batch, input);

    const results = allocateResults(count);
    compareRange(batch, results, 0, Math.min(count, 5000));
    let singleBest = Infinity;
    for (let r = 0; r < 3; r++) singleBest = Math.min(singleBest, await timed(() => compareRange(batch, results, 0, count)));
    const single = count / singleBest;

    const threads = availableParallelism();
    const request = { file: input, out: output, test: "both" as const, thresholds: { error: 0.5, warning: 0.9 } };
    let poolStart = 0;
    let cold = 0;
    let warmBest = Infinity;
    let phases: Awaited<ReturnType<typeof comparePairsFile>>["phases"] | undefined;
    const pool = createComparePool(threads);
    try {
      // Cold: the pool's workers start (tsx loader, WebAssembly compile) inside the first run.
      poolStart = await timed(() => pool.compare(allocateBatch(1, NBINS)));
      cold = await timed(() => comparePairsFile({ ...request, pool }));
      for (let r = 0; r < 3; r++) {
        const t0 = performance.now();
        const summary = await comparePairsFile({ ...request, pool });
        const s = (performance.now() - t0) / 1000;
        if (s < warmBest) {
          warmBest = s;
          phases = summary.phases;
        }
      }
    } finally {
      await pool.close();
    }
    const batchRate = count / warmBest;
    const result = {
      pairs: count,
      nbins: NBINS,
      threads,
      inputBytes: statSync(input).size,
      outputBytes: statSync(output).size,
      pairsPerSecond: { batchEndToEnd: batchRate, batchFirstRun: count / cold, batchIncludingPoolStart: count / (cold + poolStart), singleThreadKernel: single },
      ratio: { batchOverSingleThread: batchRate / single, goal: GOAL },
      seconds: { poolStart, firstRun: cold, bestRun: warmBest },
      /** Worker seconds per phase in the best run, summed over threads. */
      workerSeconds: Object.fromEntries(Object.entries(phases ?? {}).map(([k, v]) => [k, v / 1000])),
    };
    if (json) console.log(JSON.stringify(result));
    else {
      const fmt = (x: number): string => Math.round(x).toLocaleString("en-US");
      console.log(`compare --bench: ${count.toLocaleString("en-US")} pairs × ${NBINS} bins from JSON lines (${(result.inputBytes / 1e6).toFixed(1)} MB) → JSON lines, χ² UU + KS, ${threads} threads`);
      for (const [k, v] of Object.entries(result.pairsPerSecond)) console.log(`  ${k.padEnd(24)} ${fmt(v).padStart(12)} pairs/s`);
      console.log(`  ${"batch / single thread".padEnd(24)} ${result.ratio.batchOverSingleThread.toFixed(2).padStart(12)}×  (goal ≥ ${GOAL}×)`);
      console.log(`  ${"pool start".padEnd(24)} ${poolStart.toFixed(2).padStart(12)} s`);
      console.log(`  worker seconds in the best run: ${Object.entries(result.workerSeconds).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(", ")} (wall ${warmBest.toFixed(3)})`);
    }
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
