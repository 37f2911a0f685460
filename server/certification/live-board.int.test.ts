import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runIngest } from "../cli/commands/ingest";
import type { AppServices } from "../app-services";
import { testServices } from "../testing/integration";
import { certifyRunWorkflowId } from "../../workflows/certification/certify-run.messages";
import { freshRunNumber } from "../../workflows/certification/testing/cert-test-kit";
import { auditKey, recordAudit } from "./audit.repository";
import { latestAuditId, pollBoardEvents } from "./board-events";
import { certifyNewRuns } from "./new-runs";
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
    const deps = { db: services.db, temporal: () => services.temporal(), taskQueue: `no-worker-${run}` };
    const started: number[] = [];
    const onNewRuns = async (runs: number[]) => void started.push(...(await certifyNewRuns(deps, runs)).started);

    await runIngest(services.db, [file], { onNewRuns });
    await runIngest(services.db, [file], { onNewRuns });
    expect(started).toEqual([run]);
    const handle = (await services.temporal()).workflow.getHandle(certifyRunWorkflowId(run));
    expect((await handle.describe()).status.name).toBe("RUNNING");
    expect((await certifyNewRuns(deps, [run])).started).toEqual([]);
    await handle.terminate("test done");
  });
});
