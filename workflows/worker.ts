/** The Temporal worker process: registers dqmflow's workflows and activities on one task queue. */
import { fileURLToPath } from "node:url";
import { DefaultLogger, NativeConnection, Runtime, Worker } from "@temporalio/worker";
import { createDb } from "../db/pool";
import { config } from "../server/config/config";
import type { Client } from "@temporalio/client";
import { createActivities } from "./activities";
import { createTemporalClient } from "./client";
import { ensureIngestSchedule } from "./ingest/ingest-schedule";
import { type TemporalSecurity, temporalSecurity } from "./temporal-connection";

export const workflowsPath = fileURLToPath(new URL("./workflows.ts", import.meta.url));

/**
 * On SIGTERM (a pod stopped, a rollout) the worker stops polling and gives the activities it
 * holds this long to finish before cancelling them (the SDK's default, 0, cancels them at once);
 * deploy/helm/dqmflow's terminationGracePeriodSeconds (≥ 100 s) stays above it.
 */
export const SHUTDOWN_GRACE_TIME = "90s";

let runtimeInstalled = false;

/** Worker logs at WARN: the SDK's INFO lines (state changes, bundle sizes) drown real problems. */
function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger("WARN") });
  } catch {
    // Already installed by this process (e.g. another worker in the same test run).
  }
}

export interface WorkerOptions {
  address: string;
  namespace: string;
  taskQueue: string;
  databaseUrl: string;
  certificationConfigFile?: string;
  keepMes?: readonly string[];
  /** TLS and API key (temporalSecurity); none for a local dev server. */
  security?: TemporalSecurity;
}

export async function createWorker(opts: WorkerOptions) {
  installQuietRuntime();
  const connection = await NativeConnection.connect({ address: opts.address, ...opts.security });
  const db = createDb(opts.databaseUrl);
  // Activities that wake certification need a client of their own (signal-with-start).
  let client: Promise<Client> | undefined;
  const temporal = () => (client ??= createTemporalClient(opts.address, opts.namespace, opts.security));
  const worker = await Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    workflowsPath,
    shutdownGraceTime: SHUTDOWN_GRACE_TIME,
    activities: createActivities({
      db,
      temporal,
      taskQueue: opts.taskQueue,
      ...(opts.certificationConfigFile ? { certificationConfigFile: opts.certificationConfigFile } : {}),
      ...(opts.keepMes ? { keepMes: opts.keepMes } : {}),
    }),
  });
  return {
    worker,
    close: async () => {
      await db.destroy();
      await connection.close();
      if (client) await (await client).connection.close();
    },
  };
}

async function main(): Promise<void> {
  const c = config();
  const { worker, close } = await createWorker({
    address: c.TEMPORAL_ADDRESS,
    namespace: c.TEMPORAL_NAMESPACE,
    taskQueue: c.TEMPORAL_TASK_QUEUE,
    databaseUrl: c.DATABASE_URL,
    ...(c.CERTIFICATION_CONFIG ? { certificationConfigFile: c.CERTIFICATION_CONFIG } : {}),
    keepMes: c.INGEST_KEEP_MES,
    security: temporalSecurity(c),
  });
  console.log(`worker: polling task queue '${c.TEMPORAL_TASK_QUEUE}' on ${c.TEMPORAL_ADDRESS}`);
  if (c.DQM_STORAGE_DIR || c.OMS_DROP_DIR) {
    const client = await createTemporalClient(c.TEMPORAL_ADDRESS, c.TEMPORAL_NAMESPACE, temporalSecurity(c));
    try {
      const s = await ensureIngestSchedule(client, { scheduleId: c.INGEST_SCHEDULE_ID, taskQueue: c.TEMPORAL_TASK_QUEUE, intervalS: c.INGEST_SCAN_INTERVAL_S, concurrency: c.INGEST_CONCURRENCY, ...(c.DQM_STORAGE_DIR ? { dqmDir: c.DQM_STORAGE_DIR } : {}), ...(c.OMS_DROP_DIR ? { omsDir: c.OMS_DROP_DIR } : {}) });
      console.log(`worker: schedule '${s.scheduleId}' scans ${[c.DQM_STORAGE_DIR, c.OMS_DROP_DIR].filter(Boolean).join(" and ")} every ${c.INGEST_SCAN_INTERVAL_S} s`);
    } finally {
      await client.connection.close();
    }
  }
  try {
    await worker.run();
  } finally {
    await close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    console.error(`worker: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
