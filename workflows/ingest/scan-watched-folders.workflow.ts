/**
 * `scan-watched-folders`, run by the Temporal Schedule INGEST_SCHEDULE_ID: OMS metadata files
 * first (so runs are known before their DQM files), then DQM files, each as a child workflow
 * whose id is its content's: a content being ingested right now (by an earlier scan still
 * running, or the CLI) is refused by its id and counted as up to date, and the bookkeeping makes
 * an ingested content a no-op. A failure is reported with its reason and does not stop the scan.
 */
import { ApplicationFailure, executeChild, proxyActivities } from "@temporalio/workflow";
import { WorkflowExecutionAlreadyStartedError } from "@temporalio/common";
import type { IngestActivities } from "./activities";
import { ingestFileWorkflow } from "./ingest-file.workflow";
import { ingestOmsWorkflow } from "./ingest-oms.workflow";
import { ingestOmsWorkflowId, ingestWorkflowId } from "./ingest.messages";

const { planWatchedFolders } = proxyActivities<IngestActivities>({
  startToCloseTimeout: "10 minutes",
  retry: { initialInterval: "2 seconds", maximumAttempts: 5 },
});

export interface ScanWatchedFoldersInput {
  readonly dqmDir?: string;
  readonly omsDir?: string;
  readonly referenceRun?: number;
  /** DQM files ingested at the same time (default 2: one per core of a small machine). */
  readonly concurrency?: number;
  /** Wake certification for what was ingested (default true). */
  readonly certify?: boolean;
}

export interface ScanWatchedFoldersOutput {
  readonly omsFiles: number;
  readonly ingested: number;
  readonly points: number;
  readonly upToDate: number;
  readonly superseded: number;
  readonly failedBefore: number;
  readonly failed: { readonly path: string; readonly reason: string }[];
}

function reasonOf(err: unknown): string {
  let e: unknown = err;
  // A child's failure wraps the activity's ApplicationFailure: report the innermost message.
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  return e instanceof ApplicationFailure || e instanceof Error ? e.message : String(e);
}

export async function scanWatchedFoldersWorkflow(input: ScanWatchedFoldersInput): Promise<ScanWatchedFoldersOutput> {
  const plan = await planWatchedFolders({ ...(input.dqmDir ? { dqmDir: input.dqmDir } : {}), ...(input.omsDir ? { omsDir: input.omsDir } : {}) });
  const failed: ScanWatchedFoldersOutput["failed"][number][] = [];
  let upToDate = (plan.oms?.upToDate ?? 0) + (plan.dqm?.upToDate ?? 0);
  let omsFiles = 0;
  for (const f of plan.oms?.toIngest ?? []) {
    try {
      await executeChild(ingestOmsWorkflow, { workflowId: ingestOmsWorkflowId(f.checksum), args: [{ path: f.path, ...(input.certify === false ? { certify: false } : {}) }] });
      omsFiles++;
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) upToDate++;
      else failed.push({ path: f.path, reason: reasonOf(err) });
    }
  }
  const queue = [...(plan.dqm?.toIngest ?? [])];
  let ingested = 0;
  let superseded = plan.dqm?.superseded ?? 0;
  let points = 0;
  const worker = async (): Promise<void> => {
    for (let f = queue.shift(); f; f = queue.shift()) {
      const file = f;
      try {
        const r = await executeChild(ingestFileWorkflow, {
          workflowId: ingestWorkflowId(file),
          args: [{ path: file.path, ...(input.referenceRun !== undefined ? { referenceRun: input.referenceRun } : {}), ...(input.certify === false ? { certify: false } : {}) }],
        });
        if (r.status === "ingested") ingested++;
        else if (r.status === "superseded") superseded++;
        else upToDate++;
        points += r.points;
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) upToDate++;
        else failed.push({ path: file.path, reason: reasonOf(err) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, input.concurrency ?? 2) }, worker));
  return { omsFiles, ingested, points, upToDate, superseded, failedBefore: plan.dqm?.failedBefore ?? 0, failed };
}
