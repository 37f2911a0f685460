/** Piscina worker: runs the kernel on a slice of a batch whose arrays live in shared memory, or one chunk of a JSON-lines file (read, parse, compare, format; its output buffer is transferred). */
import { move, transferableSymbol, valueSymbol } from "piscina";
import type { BatchResults, PairBatch } from "./batch-layout";
import { compareRange } from "./batch-kernel";
import { type JsonlChunk, type JsonlTask, runJsonlChunk } from "./jsonl-pairs";

export interface BatchTask {
  readonly batch: PairBatch;
  readonly out: BatchResults;
  readonly start: number;
  readonly end: number;
}

export default function run(task: BatchTask | JsonlTask): number | JsonlChunk {
  if ("kind" in task) {
    // The chunk's output moves to the main thread instead of being copied.
    const chunk = runJsonlChunk(task);
    return move({ [transferableSymbol]: [chunk.parts[0]!.buffer], [valueSymbol]: chunk }) as unknown as JsonlChunk;
  }
  compareRange(task.batch, task.out, task.start, task.end);
  return task.end - task.start;
}
