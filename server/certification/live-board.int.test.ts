import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runIngest } from "../cli/commands/ingest";
import type { AppServices } from "../app-services";
import { startTestWorker, testServices } from "../testing/integration";
import { certifyRunWorkflowId } from "../../workflows/certification/certify-run.messages";
import { freshRunNumber } from "../../workflows/certification/testing/cert-test-kit";
import { auditKey, recordAudit } from "./audit.repository";
import { latestAuditId, pollBoardEvents } from "./board-events";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

let services: AppServices;

beforeAll(() => {
  services = testServices();
});
afterAll(async () => {
  await services.close();
});

describe("live board events", () => {
  it("yields the audit rows written after subscribing, in order, and stops when aborted", async () => {
    const run = freshRunNumber();
    const abort = new AbortController();
    const events = pollBoardEvents(services.db, { afterId: await latestAuditId(services.db), everyMs: 50, signal: abort.signal });
    await recordAudit(services.db, { key: auditKey("test", run, "a"), runNumber: run, kind: "transition", actor: "system", reason: "first" });
    await recordAudit(services.db, { key: auditKey("test", run, "b"), runNumber: run, kind: "signoff", actor: "someone", reason: "second" });
    const seen: string[] = [];
    for await (const batch of events) {
      seen.push(...batch.events.filter((e) => e.runNumber === run).map((e) => e.reason));
      expect(batch.lastId).toBe(batch.events[batch.events.length - 1]!.id);
      if (seen.length >= 2) abort.abort();
    }
    expect(seen).toEqual(["first", "second"]);
  });
});

describe("a run appearing through run-metadata ingest", () => {
  it("starts its certification workflow once, however often the metadata are imported", async () => {
    const run = freshRunNumber();
    const dir = await mkdtemp(path.join(tmpdir(), "oms-"));
    const file = path.join(dir, "runs.json");
    await writeFile(file, JSON.stringify([{ run_number: run, start_time: "2026-06-01T10:00:00Z", end_time: "2026-06-01T11:00:00Z", run_class: "Collisions", last_lumisection_number: 5 }]));
    const worker = await startTestWorker(services);
    try {
      const temporal = { client: await services.temporal(), taskQueue: worker.taskQueue };
      const first = await runIngest(services.db, [file], { temporal });
      const second = await runIngest(services.db, [file], { temporal });
      expect(first).toMatchObject({ ingested: 1, certified: [run], failed: [] });
      // The same content has the same workflow id: the second import is refused as up to date.
      expect(second).toMatchObject({ ingested: 0, upToDate: 1, certified: [], failed: [] });
      const handle = temporal.client.workflow.getHandle(certifyRunWorkflowId(run));
      const d = await handle.describe();
      expect(d.status.name).toBe("RUNNING");
      expect(d.taskQueue).toBe(worker.taskQueue);
      await handle.terminate("test done");
    } finally {
      await worker.stop();
    }
  });
});
