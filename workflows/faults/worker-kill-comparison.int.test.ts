/**
 * Fault: the worker dies (SIGKILL) while a comparison activity runs (issue 11, R1). The worker
 * process announces each histogram a comparison reads; the test kills it while the express
 * stage's `compareStage` is in flight, starts another worker, and the comparison runs again
 * there once the dead attempt times out. The run completes; its comparison results, flags and
 * audit rows are there exactly once.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../server/app-services";
import { startCertification } from "../../server/certification/certification.service";
import { forgetRuns } from "../../server/ingest/test-support";
import { testServices } from "../../server/testing/integration";
import { type CertificationView, certifyRunWorkflowId } from "../certification/certify-run.messages";
import { DT_ME, PIXEL_ME, seedRun, stageDataset, testConfig, type SeededRun } from "../certification/testing/cert-test-kit";
import { auditKeys, certRows, expectedAuditKeys, forgetCertification, STAGES } from "./testing/cert-run-checks";

const script = path.resolve(import.meta.dirname, "../certification/testing/worker-process.ts");
let services: AppServices;
let run: SeededRun | undefined;
const children: ChildProcess[] = [];

/** A worker process; `seen(text)` resolves once its output contains `text`. */
function startWorker(taskQueue: string, slowMs: number) {
  const child = spawn(process.execPath, ["--import", "tsx", script, taskQueue, String(slowMs)], { env: process.env, stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  let out = "";
  child.stdout?.on("data", (b: Buffer) => (out += b.toString()));
  const seen = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => out.includes(text) && resolve();
      child.stdout?.on("data", check);
      child.once("exit", (code, signal) => reject(new Error(`worker process exited (${code ?? signal}) before printing '${text}'`)));
      check();
    });
  return { child, seen, output: () => out };
}

beforeAll(() => {
  services = testServices();
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGTERM");
  if (run) {
    await (await services.temporal()).workflow.getHandle(certifyRunWorkflowId(run.runNumber)).terminate("test over").catch(() => undefined);
    await forgetCertification(services.db, [run.runNumber]);
    await forgetRuns(services.db, [run.runNumber, run.referenceRun]);
  }
  await services?.close();
});

describe("a worker killed in the middle of a comparison", () => {
  it("is replaced, the comparison runs again on the new worker, and its results and audit rows land exactly once", { timeout: 120_000 }, async () => {
    const taskQueue = `fault-kill-compare-${randomUUID()}`;
    // 1.5 s per histogram read: the express comparison (two MEs) is in flight for 3 s.
    const first = startWorker(taskQueue, 1_500);
    await first.seen("worker ready");
    run = await seedRun(services.db);
    const config = testConfig(run.referenceRun, {
      autoSignoff: true,
      calibration: { workflows: [], timeoutMs: 1_000 },
      reprocessingIdleMs: 1,
      activity: { startToCloseMs: 6_000, initialRetryMs: 200, maximumAttempts: 20 },
    });
    await startCertification({ db: services.db, temporal: () => services.temporal(), taskQueue }, run.runNumber, config);

    // Killed while it reads the express stage's first histogram, inside compareStage.
    const express = stageDataset("express");
    await first.seen(`comparing ${run.runNumber} ${express} ${PIXEL_ME}`);
    first.child.kill("SIGKILL");
    await new Promise((r) => first.child.once("exit", r));
    expect(first.output()).not.toContain(`comparing ${run.runNumber} ${express} ${DT_ME}`);
    const second = startWorker(taskQueue, 0);
    await second.seen("worker ready");

    const handle = (await services.temporal()).workflow.getHandle(certifyRunWorkflowId(run.runNumber));
    const final = (await handle.result()) as CertificationView;
    expect(final).toMatchObject({ runState: "COMPLETED", calibrationReleasedBy: "ready" });
    // The new worker did the whole express comparison.
    expect(second.output()).toContain(`comparing ${run.runNumber} ${express} ${PIXEL_ME}`);
    expect(second.output()).toContain(`comparing ${run.runNumber} ${express} ${DT_ME}`);

    // In the history: the express comparison started on the second worker, on a retry after the
    // killed attempt timed out.
    const events = (await handle.fetchHistory()).events ?? [];
    const compareInputs = new Map<string, string>();
    for (const e of events) {
      const a = e.activityTaskScheduledEventAttributes;
      if (a?.activityType?.name === "compareStage") compareInputs.set(String(e.eventId), new TextDecoder().decode(a.input?.payloads?.[0]?.data ?? new Uint8Array()));
    }
    const expressStarts = events.flatMap((e) => {
      const s = e.activityTaskStartedEventAttributes;
      return s && (compareInputs.get(String(s.scheduledEventId)) ?? "").includes(`"stage":"express"`) ? [s] : [];
    });
    expect(expressStarts).toHaveLength(1);
    expect(expressStarts[0]!.attempt).toBeGreaterThan(1);
    expect(expressStarts[0]!.identity).toBe(`${second.child.pid}@${hostname()}`);
    expect(expressStarts[0]!.lastFailure?.timeoutFailureInfo).toBeTruthy();
    second.child.kill("SIGTERM");

    // Every step exactly once: audit rows, one flag per component and stage, one result per ME and stage.
    expect(await auditKeys(services.db, run.runNumber)).toEqual(expectedAuditKeys(run.runNumber));
    const { flags, comparisons } = await certRows(services.db, run.runNumber);
    expect(flags).toHaveLength(STAGES.length * 2);
    expect(new Set(flags.map((f) => `${f.dataset_name}|${f.component}`)).size).toBe(flags.length);
    expect(comparisons.map((c) => `${c.dataset_name}|${c.me_path}|${c.test}`).sort()).toEqual(STAGES.flatMap((s) => [PIXEL_ME, DT_ME].map((me) => `${stageDataset(s)}|${me}|shape`)).sort());
  });
});
