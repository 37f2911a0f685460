/**
 * The Temporal Schedule that scans the watched folders (DQM storage and OMS drop folder) every
 * INGEST_SCAN_INTERVAL_S: created, or brought up to date with the configuration, at start-up.
 * Overlapping scans are skipped (Temporal's default policy), so a long ingest never piles up scans.
 */
import { type Client, ScheduleAlreadyRunning } from "@temporalio/client";
import type { scanWatchedFoldersWorkflow, ScanWatchedFoldersInput } from "./scan-watched-folders.workflow";
import { INGEST_SCHEDULE_ID, scanWatchedFoldersWorkflowType } from "./ingest.messages";

export interface IngestScheduleOptions {
  readonly taskQueue: string;
  readonly dqmDir?: string;
  readonly omsDir?: string;
  readonly intervalS: number;
  /** DQM files a scan ingests at the same time (the scan workflow's default, 2, when unset). */
  readonly concurrency?: number;
  /** Another id (tests run schedules of their own). */
  readonly scheduleId?: string;
}

export async function ensureIngestSchedule(client: Client, opts: IngestScheduleOptions): Promise<{ scheduleId: string; created: boolean }> {
  const scheduleId = opts.scheduleId ?? INGEST_SCHEDULE_ID;
  const args: [ScanWatchedFoldersInput] = [
    { ...(opts.dqmDir ? { dqmDir: opts.dqmDir } : {}), ...(opts.omsDir ? { omsDir: opts.omsDir } : {}), ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}) },
  ];
  const action = {
    type: "startWorkflow" as const,
    workflowType: scanWatchedFoldersWorkflowType,
    workflowId: `${scheduleId}-scan`,
    taskQueue: opts.taskQueue,
    args,
  };
  const spec = { intervals: [{ every: opts.intervalS * 1000 }] };
  try {
    await client.schedule.create<typeof scanWatchedFoldersWorkflow>({ scheduleId, spec, action, state: { note: "scans the watched DQM storage and OMS drop folders" } });
    return { scheduleId, created: true };
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  await client.schedule.getHandle(scheduleId).update<typeof scanWatchedFoldersWorkflow>((prev) => ({ ...prev, spec, action }));
  return { scheduleId, created: false };
}
