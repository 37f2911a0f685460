/**
 * Fault: an ingest attempt commits but never hears back (the database restarts at the commit,
 * the worker dies right after it), so `ingest-file` runs its activity again (issue 11, R1/R2).
 * The lost attempt is played by the same ingest function with the workflow's id, then the real
 * workflow runs: its attempt must take the committed write as its own — status `ingested`, the
 * same points, certification woken — instead of `unchanged`, which would never wake
 * certification. The same bytes ingested by another workflow later are still `unchanged`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../server/app-services";
import { loadCertificationConfig } from "../../server/certification/certification-config-file";
import { metricCatalog } from "../../server/ingest/catalog";
import { fileChecksum } from "../../server/ingest/checksum";
import { ingestDqmFile } from "../../server/ingest/ingest-dqm-file";
import { meSelection } from "../../server/ingest/me-selection";
import { dqmFileNameOf } from "../../server/ingest/read-dqm-file";
import { forgetRuns } from "../../server/ingest/test-support";
import { startTestWorker, testServices } from "../../server/testing/integration";
import { certifyRunWorkflowId } from "../certification/certify-run.messages";
import type { ingestFileWorkflow } from "../ingest/ingest-file.workflow";
import { ingestFileWorkflowType, ingestWorkflowId } from "../ingest/ingest.messages";
import { announceRuns, ingestFingerprint, writeBulkFiles, type BulkFiles } from "./testing/bulk-files";
import { forgetCertification } from "./testing/cert-run-checks";

let services: AppServices;
let root: string | undefined;
let bulk: BulkFiles | undefined;
let worker: Awaited<ReturnType<typeof startTestWorker>> | undefined;

beforeAll(() => {
  services = testServices();
});

afterAll(async () => {
  await worker?.stop();
  if (bulk) {
    const client = await services.temporal();
    for (const run of bulk.runs) await client.workflow.getHandle(certifyRunWorkflowId(run)).terminate("test over").catch(() => undefined);
    await forgetCertification(services.db, bulk.runs);
    await forgetRuns(services.db, bulk.runs);
  }
  await services?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe("an ingest retried after its commit landed unheard", () => {
  it("reports the committed write as its own and wakes certification, writing nothing twice", { timeout: 90_000 }, async () => {
    root = await mkdtemp(path.join(tmpdir(), "dqmflow-fault-retry-"));
    bulk = await writeBulkFiles(root, 1);
    const [file, run] = [bulk.files[0]!, bulk.runs[0]!];
    await announceRuns(services.db, bulk.runs);
    const workflowId = ingestWorkflowId({ ...dqmFileNameOf(file), checksum: (await fileChecksum(file)).checksum });

    // The attempt whose commit landed unheard.
    const catalog = await metricCatalog();
    const selection = meSelection({ metrics: catalog.metrics, certification: await loadCertificationConfig(), keep: [] });
    const lost = await ingestDqmFile(services.db, catalog, file, { selection, workflowId });
    expect(lost.status).toBe("ingested");
    const committed = await ingestFingerprint(services.db, bulk.runs);

    // The workflow's next attempt.
    worker = await startTestWorker(services);
    const client = await services.temporal();
    const handle = await client.workflow.start<typeof ingestFileWorkflow>(ingestFileWorkflowType, { taskQueue: worker.taskQueue, workflowId, args: [{ path: file }] });
    const r = await handle.result();
    expect(r).toMatchObject({ status: "ingested", run, points: lost.points, certifyWorkflowId: expect.stringMatching(new RegExp(`^${certifyRunWorkflowId(run)}`)) as string });
    expect(await ingestFingerprint(services.db, bulk.runs)).toEqual(committed);
    expect(committed).toMatchObject({ ingestedFiles: 1, distinctPoints: committed.points });

    // The same bytes from another workflow (a later scan, the CLI): nothing new, `unchanged`.
    const again = await ingestDqmFile(services.db, catalog, file, { selection, workflowId: `${workflowId}-other` });
    expect(again).toMatchObject({ status: "unchanged", points: 0 });
    expect(await ingestFingerprint(services.db, bulk.runs)).toEqual(committed);
  });
});
