import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { WorkflowFailedError } from "@temporalio/client";
import { ApplicationFailure } from "@temporalio/common";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { importOmsRecords } from "../../server/ingest/oms-import";
import { corruptFixture, FIXTURE_RUN, fixtureFile, forgetRuns, omsRun } from "../../server/ingest/test-support";
import { startTestWorker, testServices } from "../../server/testing/integration";
import { ingestFileWorkflow } from "./ingest-file.workflow";
import { scanDirectoryWorkflow } from "./scan-directory.workflow";

const services = testServices();
const db = services.db;
let worker: Awaited<ReturnType<typeof startTestWorker>>;

beforeAll(async () => {
  worker = await startTestWorker(services);
}, 60_000);
afterAll(async () => {
  await worker.stop();
  await services.close();
});
beforeEach(() => forgetRuns(db, [FIXTURE_RUN, FIXTURE_RUN + 1]));

const countPoints = async (run: number) => (await db.selectFrom("metric_point").select("metric_id").where("run_number", "=", run).execute()).length;

describe("ingest workflows", () => {
  it("reads, computes and writes a file; running it again replaces, never duplicates", async () => {
    await importOmsRecords(db, [omsRun(FIXTURE_RUN, "2017-10-01T10:00:00Z")], "test");
    const client = await services.temporal();
    const run = (id: string) => client.workflow.execute(ingestFileWorkflow, { taskQueue: worker.taskQueue, workflowId: id, args: [{ path: fixtureFile(1) }] });
    const first = await run(`test-ingest-${Date.now()}-a`);
    expect(first.status).toBe("ingested");
    expect(first.points).toBeGreaterThan(3);
    const second = await run(`test-ingest-${Date.now()}-b`);
    expect(second.points).toBe(first.points);
    expect(await countPoints(FIXTURE_RUN)).toBe(first.points);
  }, 60_000);

  it("fails a corrupt file at once, without retries, leaving nothing behind", async () => {
    await importOmsRecords(db, [omsRun(FIXTURE_RUN + 1, "2017-10-02T10:00:00Z")], "test");
    const client = await services.temporal();
    const err = await client.workflow
      .execute(ingestFileWorkflow, { taskQueue: worker.taskQueue, workflowId: `test-ingest-corrupt-${Date.now()}`, args: [{ path: corruptFixture }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const cause = (err as WorkflowFailedError).cause?.cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe("CorruptFile");
    expect((cause as ApplicationFailure).nonRetryable).toBe(true);
    expect(await countPoints(FIXTURE_RUN + 1)).toBe(0);
    expect(await db.selectFrom("dataset").select("id").where("run_number", "=", FIXTURE_RUN + 1).execute()).toHaveLength(0);
  }, 60_000);

  it("scans a DQM-GUI-like tree: ingests the highest version, reports failures, skips what is done", async () => {
    await importOmsRecords(db, [omsRun(FIXTURE_RUN, "2017-10-01T10:00:00Z"), omsRun(FIXTURE_RUN + 1, "2017-10-02T10:00:00Z")], "test");
    const dir = await mkdtemp(path.join(tmpdir(), "dqmflow-scanwf-"));
    try {
      const deep = path.join(dir, "OfflineData", "Run2017", "ZeroBias", "0009900xx");
      await mkdir(deep, { recursive: true });
      for (const f of [fixtureFile(1), fixtureFile(2), corruptFixture]) await copyFile(f, path.join(deep, path.basename(f)));
      const client = await services.temporal();
      const scan = () => client.workflow.execute(scanDirectoryWorkflow, { taskQueue: worker.taskQueue, workflowId: `test-scan-${Date.now()}`, args: [{ root: dir }] });
      const first = await scan();
      expect(first.ingested).toBe(1);
      expect(first.superseded).toBe(1);
      expect(first.failed).toEqual([{ path: expect.stringContaining("R000990002") as string, reason: expect.stringContaining("not a readable ROOT file") as string }]);
      const second = await scan();
      expect(second).toMatchObject({ ingested: 0, upToDate: 1, failedBefore: 1, failed: [] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
