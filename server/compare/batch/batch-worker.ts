/** Piscina worker: runs the kernel on a slice of a batch whose arrays live in shared memory. */
import type { BatchResults, PairBatch } from "./batch-layout";
import { compareRange } from "./batch-kernel";

export interface BatchTask {
  readonly batch: PairBatch;
  readonly out: BatchResults;
  readonly start: number;
  readonly end: number;
}

export default function run(task: BatchTask): number {
  compareRange(task.batch, task.out, task.start, task.end);
  return task.end - task.start;
}
