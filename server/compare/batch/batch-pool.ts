/**
 * Spreads a batch over a Piscina worker pool. Inputs and outputs are SharedArrayBuffer-backed,
 * so a task message carries only views; workers write results in place. Workers load TypeScript
 * through tsx's loader, the same one the CLI runs under.
 */
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import type { BatchResults, PairBatch } from "./batch-layout";
import { allocateResults } from "./batch-layout";
import type { BatchTask } from "./batch-worker";
import type { JsonlChunk, JsonlTask } from "./jsonl-pairs";

export interface ComparePool {
  readonly threads: number;
  compare(batch: PairBatch, out?: BatchResults): Promise<BatchResults>;
  /** One chunk of a JSON-lines file, read, parsed, compared and formatted by a worker. */
  jsonlChunk(task: Omit<JsonlTask, "kind">): Promise<JsonlChunk>;
  close(): Promise<void>;
}

export function createComparePool(threads = availableParallelism()): ComparePool {
  const pool = new Piscina<BatchTask | JsonlTask, number | JsonlChunk>({
    filename: new URL("./batch-worker.ts", import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    execArgv: [...process.execArgv.filter((a) => !a.startsWith("--input-type")), "--import", "tsx"],
  });
  return {
    threads,
    async compare(batch, out = allocateResults(batch.count)) {
      // A few slices per thread keep threads busy when one slice is slower.
      const slices = Math.min(batch.count, threads * 4);
      const size = Math.ceil(batch.count / slices);
      const tasks: Promise<number>[] = [];
      for (let start = 0; start < batch.count; start += size) {
        tasks.push(pool.run({ batch, out, start, end: Math.min(batch.count, start + size) }) as Promise<number>);
      }
      await Promise.all(tasks);
      return out;
    },
    jsonlChunk: (task) => pool.run({ kind: "jsonl", ...task }) as Promise<JsonlChunk>,
    close: () => pool.destroy(),
  };
}
