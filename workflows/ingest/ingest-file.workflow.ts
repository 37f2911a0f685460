/**
 * Ingest of one DQM ROOT file: read → compute → write, each an activity with retries. A file
 * that cannot be read fails at once (non-retryable) and nothing of it is written; the write is
 * one transaction, so a retried or repeated ingest replaces the points, never duplicates them.
 */
import { proxyActivities, workflowInfo } from "@temporalio/workflow";
import type { IngestActivities } from "./activities";
import type { IngestWriteResult } from "../../server/ingest/write-ingest";

const io = proxyActivities<IngestActivities>({
  startToCloseTimeout: "2 minutes",
  retry: { initialInterval: "1 second", backoffCoefficient: 2, maximumInterval: "30 seconds", maximumAttempts: 5 },
});

const cpu = proxyActivities<IngestActivities>({
  startToCloseTimeout: "5 minutes",
  retry: { initialInterval: "1 second", maximumAttempts: 3 },
});

export interface IngestFileInput {
  readonly path: string;
  /** Run whose stored histograms are the reference for comparison metrics. */
  readonly referenceRun?: number;
}

export interface IngestFileOutput extends IngestWriteResult {
  readonly path: string;
  readonly run: number;
  readonly dataset: string;
  readonly skippedMetrics: { readonly subsystem: string; readonly metric: string; readonly reason: string }[];
}

/** Business key: `ingest-<run>-<dataset>-v<version>` (see ingestWorkflowId). */
export async function ingestFileWorkflow(input: IngestFileInput): Promise<IngestFileOutput> {
  const read = await io.readDqmFile({ path: input.path, workflowId: workflowInfo().workflowId });
  const computed = await cpu.computeMetrics({ run: read.run, dataset: read.dataset, histograms: read.histograms, ...(input.referenceRun !== undefined ? { referenceRun: input.referenceRun } : {}) });
  const written = await io.writeMetrics({ read, computed });
  return { ...written, path: input.path, run: read.run, dataset: read.dataset, skippedMetrics: computed.skipped };
}

/** The workflow id of a file's ingest: one per (run, dataset, version). */
export function ingestWorkflowId(run: number, dataset: string, version: number): string {
  return `ingest-${run}-${dataset}-v${version}`;
}
