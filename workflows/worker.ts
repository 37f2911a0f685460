/** The Temporal worker process: registers dqmflow's workflows and activities on one task queue. */
import { fileURLToPath } from "node:url";
import { DefaultLogger, NativeConnection, Runtime, Worker } from "@temporalio/worker";
import { createDb } from "../db/pool";
import { config } from "../server/config/config";
import { createActivities } from "./activities";

export const workflowsPath = fileURLToPath(new URL("./workflows.ts", import.meta.url));

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

export async function createWorker(opts: { address: string; namespace: string; taskQueue: string; databaseUrl: string }) {
  installQuietRuntime();
  const connection = await NativeConnection.connect({ address: opts.address });
  const db = createDb(opts.databaseUrl);
  const worker = await Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    workflowsPath,
    activities: createActivities({ db }),
  });
  return {
    worker,
    close: async () => {
      await db.destroy();
      await connection.close();
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
  });
  console.log(`worker: polling task queue '${c.TEMPORAL_TASK_QUEUE}' on ${c.TEMPORAL_ADDRESS}`);
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
