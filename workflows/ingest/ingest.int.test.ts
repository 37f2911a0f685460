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
import { scanWatchedFoldersWorkflow } from "./scan-watched-folders.workflow";

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

/** The decoded data of every payload in a history (proto objects: `payloads: [{ data: Uint8Array }]`). */
function payloadTexts(history: unknown): string[] {
  const out: string[] = [];
  const visit = (v: unknown): void => {
    if (v instanceof Uint8Array) out.push(Buffer.from(v).toString("utf8"));
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") Object.values(v).forEach(visit);
  };
  visit(history);
  return out;
}

const countPoints = async (run: number) => (await db.selectFrom("metric_point").select("metric_id").where("run_number", "=", run).execute()).length;

describe("ingest workflows", () => {
  it("ingests a file in one activity (paths and counts in history, no histograms); the same content again is a no-op", async () => {
    await importOmsRecords(db, [omsRun(FIXTURE_RUN, "2017-10-01T10:00:00Z")], "test");
    const client = await services.temporal();
    const run = (id: string) => client.workflow.execute(ingestFileWorkflow, { taskQueue: worker.taskQueue, workflowId: id, args: [{ path: fixtureFile(1), certify: false }] });
    const firstId = `test-ingest-${Date.now()}-a`;
    const first = await run(firstId);
    expect(first).toMatchObject({ status: "ingested", certifyWorkflowId: null });
    expect(first.points).toBeGreaterThan(3);
    const second = await run(`test-ingest-${Date.now()}-b`);
    expect(second).toMatchObject({ status: "unchanged", points: 0 });
    expect(await countPoints(FIXTURE_RUN)).toBe(first.points);
    // Workflow history carries the file's path and counts, never a histogram's bins.
    const payloads = payloadTexts(await client.workflow.getHandle(firstId).fetchHistory());
    expect(payloads.some((p) => p.includes(fixtureFile(1)))).toBe(true);
    expect(payloads.filter((p) => p.includes('"contents"'))).toEqual([]);
  }, 60_000);

  it("fails a corrupt file at once, without retries, leaving nothing behind", async () => {
    await importOmsRecords(db, [omsRun(FIXTURE_RUN + 1, "2017-10-02T10:00:00Z")], "test");
    const client = await services.temporal();
    const err = await client.workflow
      .execute(ingestFileWorkflow, { taskQueue: worker.taskQueue, workflowId: `test-ingest-corrupt-${Date.now()}`, args: [{ path: corruptFixture, certify: false }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const cause = (err as WorkflowFailedError).cause?.cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe("CorruptFile");
    expect((cause as ApplicationFailure).message).toMatch(/corrupt at byte \d+/);
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
      // Reprocessing datasets would ask for a campaign: this scan only ingests.
      const scan = () => client.workflow.execute(scanWatchedFoldersWorkflow, { taskQueue: worker.taskQueue, workflowId: `test-scan-${Date.now()}`, args: [{ dqmDir: dir, certify: false }] });
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
