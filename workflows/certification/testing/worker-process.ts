/**
 * A certification worker in a process of its own, for the tests that kill it mid-stage or
 * mid-comparison: `node --import tsx worker-process.ts <taskQueue> <slowMs>`. Every histogram a
 * comparison reads is announced on stdout (`comparing <run> <dataset> <ME>`) and then takes
 * `slowMs`, so a test can kill the process while a `compareStage` activity is in flight.
 */
import { parseConfig } from "../../../server/config/config";
import { createAppServices } from "../../../server/app-services";
import { dbHistogramSource, type HistogramSource } from "../../../server/certification/histogram-source";
import { startCertWorker } from "./cert-test-kit";

async function main(): Promise<void> {
  const [taskQueue, slow] = process.argv.slice(2);
  if (!taskQueue) throw new Error("usage: worker-process.ts <taskQueue> [slowMs]");
  const slowMs = Number(slow ?? 0);
  const services = createAppServices(parseConfig(process.env));
  const inner = dbHistogramSource(services.db);
  const source: HistogramSource = {
    findDataset: (r, s, n) => inner.findDataset(r, s, n),
    getReference: (r, s, m) => inner.getReference(r, s, m),
    async get(r, d, m) {
      console.log(`comparing ${r} ${d} ${m}`);
      await new Promise((res) => setTimeout(res, slowMs));
      return inner.get(r, d, m);
    },
  };
  await startCertWorker(services, source, taskQueue);
  console.log(`worker ready ${process.pid}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
