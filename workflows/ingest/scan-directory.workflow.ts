/**
 * Scans a DQM-GUI-like directory tree and ingests what is new (new files, higher versions) as
 * child workflows, a few at a time; returns a summary with the failures and their reasons.
 */
import { ApplicationFailure, executeChild, proxyActivities } from "@temporalio/workflow";
import type { IngestActivities } from "./activities";
import { ingestFileWorkflow, ingestWorkflowId, type IngestFileOutput } from "./ingest-file.workflow";

const { planDirectoryScan } = proxyActivities<IngestActivities>({
  startToCloseTimeout: "10 minutes",
  retry: { initialInterval: "2 seconds", maximumAttempts: 5 },
});

export interface ScanDirectoryInput {
  readonly root: string;
  readonly referenceRun?: number;
  /** Files ingested at the same time (default 4). */
  readonly concurrency?: number;
}

export interface ScanDirectoryOutput {
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

export async function scanDirectoryWorkflow(input: ScanDirectoryInput): Promise<ScanDirectoryOutput> {
  const plan = await planDirectoryScan({ root: input.root });
  const queue = [...plan.toIngest];
  const results: IngestFileOutput[] = [];
  const failed: ScanDirectoryOutput["failed"][number][] = [];
  const worker = async (): Promise<void> => {
    for (let f = queue.shift(); f; f = queue.shift()) {
      const file = f;
      try {
        results.push(
          await executeChild(ingestFileWorkflow, {
            workflowId: ingestWorkflowId(file.run, file.dataset, file.version),
            args: [{ path: file.path, ...(input.referenceRun !== undefined ? { referenceRun: input.referenceRun } : {}) }],
          }),
        );
      } catch (err) {
        failed.push({ path: file.path, reason: reasonOf(err) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, input.concurrency ?? 4) }, worker));
  return {
    ingested: results.filter((r) => r.status === "ingested").length,
    points: results.reduce((a, r) => a + r.points, 0),
    upToDate: plan.upToDate,
    superseded: plan.superseded + results.filter((r) => r.status === "superseded").length,
    failedBefore: plan.failedBefore,
    failed,
  };
}
