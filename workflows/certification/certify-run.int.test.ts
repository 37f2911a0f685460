import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditTrail } from "../../server/certification/audit.repository";
import { runCertificationDetail } from "../../server/certification/board.query";
import { editFlag, reopen, reportCalibration, requestReprocessing, setFrozen, signOff, startCertification } from "../../server/certification/certification.service";
import { dbHistogramSource } from "../../server/certification/histogram-source";
import type { AppServices } from "../../server/app-services";
import { identityOf, testServices } from "../../server/testing/integration";
import { certificationQuery, type CertificationView, certifyRunWorkflowId, CertStatusKey, dataAvailableSignal, reprocessingWorkflowId, RunNumberKey, StageKey } from "./certify-run.messages";
import { eventually, FlakySource, seedRun, stageDataset, startCertWorker, testConfig } from "./testing/cert-test-kit";

let services: AppServices;
let worker: Awaited<ReturnType<typeof startCertWorker>>;
let flaky: FlakySource;
let tier0: Server;
let tier0Url: string;
const tier0Calls: unknown[] = [];
let tier0FailuresLeft = 0;

const shifter = identityOf("shifter");
const viewer = identityOf("viewer");
const expert = identityOf("expert");

beforeAll(async () => {
  services = testServices();
  flaky = new FlakySource(dbHistogramSource(services.db));
  worker = await startCertWorker(services, flaky);
  tier0 = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      if (tier0FailuresLeft > 0) {
        tier0FailuresLeft--;
        res.writeHead(503).end();
        return;
      }
      tier0Calls.push(JSON.parse(body));
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((r) => tier0.listen(0, "127.0.0.1", r));
  tier0Url = `http://127.0.0.1:${(tier0.address() as AddressInfo).port}/ready`;
});

afterAll(async () => {
  await worker?.stop();
  await new Promise((r) => tier0?.close(r));
  await services?.close();
});

async function view(runNumber: number, workflowId = certifyRunWorkflowId(runNumber)): Promise<CertificationView> {
  return (await services.temporal()).workflow.getHandle(workflowId).query(certificationQuery);
}

async function awaitingSignoff(runNumber: number, stage: string, workflowId?: string) {
  return eventually(async () => {
    const v = await view(runNumber, workflowId);
    return v.awaitingSignoff.includes(stage as never) ? v : undefined;
  }, `${stage} awaiting sign-off`);
}

describe("certify-run workflow", () => {
  it("walks a run through online, express, the calibration gate, prompt and a reprocessing campaign", async () => {
    const run = await seedRun(services.db);
    tier0FailuresLeft = 1;
    const config = testConfig(run.referenceRun, { promptRecoEndpoint: tier0Url });
    const started = await startCertification(worker.deps, run.runNumber, config);
    expect(started).toEqual({ workflowId: `certify-run-${run.runNumber}`, started: true });
    expect(await startCertification(worker.deps, run.runNumber, config)).toEqual({ workflowId: `certify-run-${run.runNumber}`, started: false });

    // Online data is found by polling; comparisons against the reference flag both components GOOD.
    const online = await awaitingSignoff(run.runNumber, "online");
    expect(online.stages[0]).toMatchObject({ stage: "online", dataset: "online", referenceRun: run.referenceRun, readiness: { unknownLs: { "tracker-pixel": 0, "dt-dt": 0 } } });
    expect(await signOff(worker.deps, shifter, { runNumber: run.runNumber, stage: "online", comment: "fine" })).toEqual({ stage: "online", runState: "SIGNOFF" });

    // Express data is announced by ingest's signal (twice: the repeat changes nothing).
    const client = await services.temporal();
    const handle = client.workflow.getHandle(certifyRunWorkflowId(run.runNumber));
    await eventually(async () => ((await view(run.runNumber)).stages.some((s) => s.stage === "express") ? true : undefined), "express started");
    await handle.signal(dataAvailableSignal, { stage: "express", dataset: stageDataset("express") });
    await handle.signal(dataAvailableSignal, { stage: "express", dataset: stageDataset("express") });
    await awaitingSignoff(run.runNumber, "express");
    await signOff(worker.deps, shifter, { runNumber: run.runNumber, stage: "express", comment: "all ok" });

    // Calibration gate: reports (one repeated) release it; Tier-0 is notified after one 503.
    await reportCalibration(worker.deps, shifter, { runNumber: run.runNumber, workflow: "BeamSpot", status: "done" });
    await reportCalibration(worker.deps, shifter, { runNumber: run.runNumber, workflow: "BeamSpot", status: "done" });
    await expect(reportCalibration(worker.deps, shifter, { runNumber: run.runNumber, workflow: "Nope", status: "done" })).rejects.toThrow(/unknown calibration workflow 'Nope'; this run waits for: BeamSpot, SiStripGains/);
    await reportCalibration(worker.deps, shifter, { runNumber: run.runNumber, workflow: "SiStripGains", status: "done" });
    await awaitingSignoff(run.runNumber, "prompt");
    expect(tier0Calls).toEqual([{ run: run.runNumber, readyForPromptReco: true, releasedBy: "ready", calibration: { BeamSpot: "done", SiStripGains: "done" } }]);
    expect(await signOff(worker.deps, shifter, { runNumber: run.runNumber, stage: "prompt", comment: "good" })).toEqual({ stage: "prompt", runState: "COMPLETED" });

    // An expert reopens online; the run goes back to OPEN until it is signed off again.
    expect(await reopen(worker.deps, expert, { runNumber: run.runNumber, stage: "online", reason: "late DCS info" })).toEqual({ stage: "online", runState: "OPEN" });
    await signOff(worker.deps, shifter, { runNumber: run.runNumber, stage: "online", comment: "rechecked" });

    // A reprocessing campaign is a child workflow with its own sign-off.
    const { th1, PIXEL_ME, DT_ME, storeHistograms } = await import("./testing/cert-test-kit");
    await storeHistograms(services.db, run.runNumber, "/ZeroBias/Run2026A-ReReco-v1/DQMIO", { [PIXEL_ME]: th1("flat"), [DT_ME]: th1("flat") });
    await requestReprocessing(worker.deps, { runNumber: run.runNumber, campaign: "ReReco1", dataset: "/ZeroBias/Run2026A-ReReco-v1/DQMIO" }, config);
    const childId = reprocessingWorkflowId(run.runNumber, "ReReco1");
    await awaitingSignoff(run.runNumber, "reprocessing", childId);
    await signOff(worker.deps, shifter, { runNumber: run.runNumber, stage: "reprocessing", comment: "rereco fine", campaign: "ReReco1" });
    const childResult = (await client.workflow.getHandle(childId).result()) as CertificationView;
    expect(childResult.stages[0]).toMatchObject({ stage: "reprocessing", status: "completed" });

    const final = (await handle.result()) as CertificationView;
    expect(final).toMatchObject({ runState: "SIGNOFF", calibrationReleasedBy: "ready", reprocessing: ["ReReco1"] });

    const desc = await handle.describe();
    expect(desc.typedSearchAttributes.get(RunNumberKey)).toBe(run.runNumber);
    expect(desc.typedSearchAttributes.get(StageKey)).toBe("reprocessing");
    expect(desc.typedSearchAttributes.get(CertStatusKey)).toBe("reprocessing:ReReco1");

    const audit = await auditTrail(services.db, run.runNumber);
    const kinds = audit.map((a) => a.kind);
    for (const k of ["stage-start", "transition", "auto-flag", "signoff", "calibration-report", "calibration-release", "notification", "reopen", "reprocessing-started"]) expect(kinds).toContain(k);
    expect(new Set(audit.map((a) => a.idempotency_key)).size).toBe(audit.length);
    const notification = await services.db.selectFrom("cert_notification").selectAll().where("run_number", "=", run.runNumber).execute();
    expect(notification).toMatchObject([{ outcome: "sent", http_status: 202, attempts: 2 }]);
    const calibrationReports = audit.filter((a) => a.kind === "calibration-report");
    expect(calibrationReports).toHaveLength(2);

    const detail = await runCertificationDetail(services.db, () => services.temporal(), { url: "http://ui", namespace: "default" }, run.runNumber);
    expect(detail.run).toMatchObject({ state: "SIGNOFF", lsCount: 20 });
    expect(detail.comparisons.length).toBeGreaterThanOrEqual(8);
    expect(detail.flags.find((f) => f.dataset === "online")?.coverage[0]?.lumisections.good).toBe(1);
    expect(detail.temporalUrl).toBe(`http://ui/namespaces/default/workflows/certify-run-${run.runNumber}`);
  });

  it("recovers from a transient comparison failure by retrying", async () => {
    const run = await seedRun(services.db, { stages: ["online"] });
    flaky.failuresLeft.set(run.runNumber, 2);
    await startCertification(worker.deps, run.runNumber, testConfig(run.referenceRun));
    const v = await awaitingSignoff(run.runNumber, "online");
    expect(v.stages[0]).toMatchObject({ status: "awaiting-signoff", comparisonError: null });
    expect(flaky.failuresLeft.get(run.runNumber)).toBe(0);
    await (await services.temporal()).workflow.getHandle(certifyRunWorkflowId(run.runNumber)).terminate("test done");
  });

  it("fails a bad file without retrying and shows it on the board", async () => {
    const run = await seedRun(services.db, { stages: ["online"], badPayloadStage: "online" });
    await startCertification(worker.deps, run.runNumber, testConfig(run.referenceRun));
    const v = await eventually(async () => {
      const s = (await view(run.runNumber)).stages[0];
      return s?.status === "comparison-failed" ? s : undefined;
    }, "comparison failure");
    expect(v.comparisonError).toMatch(/stored histogram is malformed/);
    expect(flaky.calls.get(run.runNumber)).toBe(1);
    // The board row is written by the step's audit activity, just after the workflow's state changed.
    const board = await eventually(async () => {
      const row = await services.db.selectFrom("cert_run").selectAll().where("run_number", "=", run.runNumber).executeTakeFirst();
      return row?.cert_status === "comparison-failed" ? row : undefined;
    }, "the board to show the failure");
    expect(board.last_error).toMatch(/stored histogram is malformed/);
    await (await services.temporal()).workflow.getHandle(certifyRunWorkflowId(run.runNumber)).terminate("test done");
  });

  it("refuses sign-off for each validator rule, reminds and escalates on deadlines", async () => {
    const run = await seedRun(services.db, { pixelShape: "peak" });
    const config = testConfig(run.referenceRun, { deadlines: { reminderMs: 300, escalationMs: 700 } });
    await startCertification(worker.deps, run.runNumber, config);
    const rn = run.runNumber;
    const v = await awaitingSignoff(rn, "online");
    // The rule's BAD flag carries its rule and cause as its comment: it does not block the sign-off.
    expect(v.stages[0]?.readiness?.badWithoutComment).toEqual({ "tracker-pixel": 0, "dt-dt": 0 });
    const auto = await services.db.selectFrom("cert_flag").select(["comment", "origin_kind", "origin_name"]).where("run_number", "=", rn).where("status", "=", "BAD").executeTakeFirstOrThrow();
    expect(auto.origin_kind).toBe("rule");
    expect(auto.comment).toMatch(new RegExp(`^auto:${auto.origin_name}: \\S+ ERROR on `));

    await expect(signOff(worker.deps, viewer, { runNumber: rn, stage: "online", comment: "checked" })).rejects.toThrow(/sign-off needs the shifter role; test-viewer is viewer/);
    await expect(signOff(worker.deps, shifter, { runNumber: rn, stage: "express", comment: "checked" })).rejects.toThrow(/stage express .* is not awaiting sign-off \(not started\); awaiting: online/);
    await expect(signOff(worker.deps, shifter, { runNumber: rn, stage: "online", comment: " " })).rejects.toThrow(/comment: say what you checked for the online sign-off \(at least 3 characters\)/);

    // A shifter sets DT to NOTSET on part of the run: now lumisections lack a status.
    await editFlag(worker.deps, shifter, { runNumber: rn, dataset: "online", component: "dt-dt", firstLs: 5, lastLs: 8, status: "NOTSET", comment: "", requestId: `${rn}-a` });
    await expect(editFlag(worker.deps, shifter, { runNumber: rn, dataset: "online", component: "tracker-pixel", firstLs: 1, lastLs: 20, status: "BAD", comment: "x", requestId: `${rn}-bad` })).rejects.toThrow(/BAD flag needs a comment/);
    await editFlag(worker.deps, shifter, { runNumber: rn, dataset: "online", component: "tracker-pixel", firstLs: 1, lastLs: 20, status: "BAD", comment: "pixel shape off", requestId: `${rn}-b` });
    await eventually(async () => ((await view(rn)).stages[0]?.readiness?.badWithoutComment["tracker-pixel"] === 0 ? true : undefined), "readiness signal");
    await expect(signOff(worker.deps, shifter, { runNumber: rn, stage: "online", comment: "checked" })).rejects.toThrow(/lumisections without a status in dt-dt \(4 LS\)/);

    // The repeated request is idempotent; the undo restores DT's automatic GOOD.
    const again = await editFlag(worker.deps, shifter, { runNumber: rn, dataset: "online", component: "dt-dt", firstLs: 5, lastLs: 8, status: "NOTSET", comment: "", requestId: `${rn}-a` });
    expect(again.repeated).toBe(true);
    const notset = await services.db.selectFrom("cert_flag").select("id").where("run_number", "=", rn).where("status", "=", "NOTSET").executeTakeFirstOrThrow();
    const { undoFlag } = await import("../../server/certification/certification.service");
    const undone = await undoFlag(worker.deps, shifter, { runNumber: rn, changeId: notset.id, requestId: `${rn}-undo` });
    expect(undone.readiness.unknownLs).toEqual({ "tracker-pixel": 0, "dt-dt": 0 });
    expect((await undoFlag(worker.deps, shifter, { runNumber: rn, changeId: notset.id, requestId: `${rn}-undo` })).repeated).toBe(true);
    await expect(undoFlag(worker.deps, shifter, { runNumber: rn, changeId: notset.id, requestId: `${rn}-undo-2` })).rejects.toThrow(new RegExp(`version ${notset.id} was already undone by test-shifter \\(version ${undone.changeId}\\); nothing to undo`));
    await expect(undoFlag(worker.deps, shifter, { runNumber: rn, changeId: undone.changeId!, requestId: `${rn}-undo-3` })).rejects.toThrow(/is itself an undo/);
    await eventually(async () => ((await view(rn)).stages[0]?.readiness?.unknownLs["dt-dt"] === 0 ? true : undefined), "readiness after undo");

    await eventually(async () => {
      const kinds = (await auditTrail(services.db, rn)).map((a) => a.kind);
      return kinds.includes("escalation") && kinds.includes("reminder") ? true : undefined;
    }, "reminder and escalation");
    expect(await signOff(worker.deps, shifter, { runNumber: rn, stage: "online", comment: "pixel BAD" })).toEqual({ stage: "online", runState: "SIGNOFF" });
    await expect(editFlag(worker.deps, shifter, { runNumber: rn, dataset: "online", component: "dt-dt", firstLs: 1, lastLs: 2, status: "GOOD", comment: "", requestId: `${rn}-late` })).rejects.toThrow(/only experts edit flags after sign-off/);
    await expect(reopen(worker.deps, shifter, { runNumber: rn, stage: "online", reason: "why not" })).rejects.toThrow(/reopening needs the expert role/);
    await setFrozen(worker.deps, expert, { runNumber: rn, dataset: "online", frozen: true });
    await expect(editFlag(worker.deps, expert, { runNumber: rn, dataset: "online", component: "dt-dt", firstLs: 1, lastLs: 2, status: "GOOD", comment: "", requestId: `${rn}-frozen` })).rejects.toThrow(/is frozen: its flags refuse changes/);
    await (await services.temporal()).workflow.getHandle(certifyRunWorkflowId(rn)).terminate("test done");
  });

  it("releases the calibration gate on timeout", async () => {
    const run = await seedRun(services.db);
    const config = testConfig(run.referenceRun, { autoSignoff: true, calibration: { workflows: ["BeamSpot"], timeoutMs: 500 }, reprocessingIdleMs: 1 });
    await startCertification(worker.deps, run.runNumber, config);
    const handle = (await services.temporal()).workflow.getHandle(certifyRunWorkflowId(run.runNumber));
    const final = (await handle.result()) as CertificationView;
    expect(final).toMatchObject({ runState: "COMPLETED", calibrationReleasedBy: "timeout", calibration: { BeamSpot: "pending" } });
    const audit = await auditTrail(services.db, run.runNumber);
    expect(audit.find((a) => a.kind === "calibration-release")?.reason).toMatch(/timeout released the run with previous conditions; missing: BeamSpot/);
    expect(audit.find((a) => a.kind === "notification")?.after).toMatchObject({ outcome: "skipped: no endpoint configured" });
  });

  it("names unknown runs", async () => {
    await expect(startCertification(worker.deps, 1_999_999_999)).rejects.toThrow(/unknown run 1999999999/);
    await expect(signOff(worker.deps, shifter, { runNumber: 1_999_999_998, stage: "online", comment: "checked" })).rejects.toThrow(/unknown run 1999999998/);
  });
});
