/** Piscina worker: runs the kernel on a slice of a batch whose arrays live in shared memory, or a JSON-lines slice (parse, compare, format). */
import type { BatchResults, PairBatch } from "./batch-layout";
import { compareRange } from "./batch-kernel";
import { type JsonlSlice, type JsonlTask, runJsonlSlice } from "./jsonl-pairs";

export interface BatchTask {
  readonly batch: PairBatch;
  readonly out: BatchResults;
  readonly start: number;
  readonly end: number;
}

export default function run(task: BatchTask | JsonlTask): number | JsonlSlice {
  if ("kind" in task) return runJsonlSlice(task);
  compareRange(task.batch, task.out, task.start, task.end);
  return task.end - task.start;
}
