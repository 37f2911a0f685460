/**
 * `ingest-file`: one DQM ROOT file into the store (histograms, metrics, quality reports, one
 * transaction, retried on transient failures), then certification is told that the stage's
 * data are there. A file that cannot be read fails at once (non-retryable) and nothing of it is
 * written. Its id carries the file's content hash, so the same content is ingested once.
 */
import { proxyActivities } from "@temporalio/workflow";
import type { DqmFileSummary, IngestActivities } from "./activities";

const files = proxyActivities<IngestActivities>({
  startToCloseTimeout: "10 minutes",
  // A worker that dies mid-file is noticed within this, and another takes the file over.
  heartbeatTimeout: "20 seconds",
  retry: { initialInterval: "1 second", backoffCoefficient: 2, maximumInterval: "30 seconds", maximumAttempts: 10 },
});

const announce = proxyActivities<IngestActivities>({
  startToCloseTimeout: "30 seconds",
  retry: { initialInterval: "1 second", backoffCoefficient: 2, maximumInterval: "1 minute" },
});

export interface IngestFileInput {
  readonly path: string;
  /** Run whose stored histograms are the reference for comparison metrics. */
  readonly referenceRun?: number;
  /** Wake certification once the data are stored (default true). */
  readonly certify?: boolean;
}

export interface IngestFileOutput extends DqmFileSummary {
  /** The certification workflow told about the data, when one was. */
  readonly certifyWorkflowId: string | null;
}

export async function ingestFileWorkflow(input: IngestFileInput): Promise<IngestFileOutput> {
  const r = await files.ingestDqmFile({ path: input.path, ...(input.referenceRun !== undefined ? { referenceRun: input.referenceRun } : {}) });
  let certifyWorkflowId: string | null = null;
  if (r.status === "ingested" && input.certify !== false) certifyWorkflowId = (await announce.announceStageData({ runNumber: r.run, dataset: r.dataset })).workflowId;
  return { ...r, certifyWorkflowId };
}
