/**
 * The product's worker (every workflow and activity) in a process of its own, for the pipeline
 * test that kills it mid-ingest: `node --import tsx pipeline-worker.ts <taskQueue> <certificationConfig.json> <slowMs>`.
 * With slowMs > 0 each DQM file's ingest activity prints "ingest started" and then waits that long
 * before doing its real work, so the test can kill the process while the activity is in flight.
 */
import { DefaultLogger, NativeConnection, Runtime, Worker } from "@temporalio/worker";
import { createDb } from "../../../db/pool";
import { parseConfig } from "../../../server/config/config";
import { createActivities } from "../../activities";
import { createTemporalClient } from "../../client";
import { workflowsPath } from "../../worker";

async function main(): Promise<void> {
  const [taskQueue, certificationConfigFile, slow] = process.argv.slice(2);
  if (!taskQueue || !certificationConfigFile) throw new Error("usage: pipeline-worker.ts <taskQueue> <certificationConfig.json> [slowMs]");
  const slowMs = Number(slow ?? 0);
  Runtime.install({ logger: new DefaultLogger("WARN") });
  const c = parseConfig(process.env);
  const connection = await NativeConnection.connect({ address: c.TEMPORAL_ADDRESS });
  const client = createTemporalClient(c.TEMPORAL_ADDRESS, c.TEMPORAL_NAMESPACE);
  const activities = createActivities({ db: createDb(c.DATABASE_URL), temporal: () => client, taskQueue, certificationConfigFile });
  const real = activities.ingestDqmFile.bind(activities);
  activities.ingestDqmFile = async (input) => {
    if (slowMs > 0) {
      console.log(`ingest started ${input.path}`);
      await new Promise((r) => setTimeout(r, slowMs));
    }
    return real(input);
  };
  const worker = await Worker.create({ connection, namespace: c.TEMPORAL_NAMESPACE, taskQueue, workflowsPath, activities });
  console.log("worker ready");
  await worker.run();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
