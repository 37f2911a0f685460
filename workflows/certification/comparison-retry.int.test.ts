import { TRPCError } from "@trpc/server";
import { Worker } from "@temporalio/worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditTrail } from "../../server/certification/audit.repository";
import { signOff, startCertification } from "../../server/certification/certification.service";
import { retryComparisons } from "../../server/certification/comparison-retry";
import type { AppServices } from "../../server/app-services";
import { identityOf, testServices } from "../../server/testing/integration";
import { createCaller } from "../../server/trpc/app-router";
import { workflowsPath } from "../worker";
import type { RecordStepInput } from "./certification.activities";
import { certificationQuery, certifyRunWorkflowId } from "./certify-run.messages";
import { AUTO_SIGNOFF_USER } from "./stage-machine.workflow";
import { DT_ME, eventually, PIXEL_ME, seedRun, startCertWorker, storeHistograms, testConfig, th1 } from "./testing/cert-test-kit";

/**
 * Retrying a stage's failed comparisons on the real workflow, TimescaleDB and tRPC API: a stored
 * histogram that does not decode fails the online comparisons; a retry before the fix fails
 * again, the histogram is written anew, the next retry succeeds. Refusals come in words.
 */
let services: AppServices;
let worker: Awaited<ReturnType<typeof startCertWorker>>;
/** Runs whose retry's first audit write waits for `release` (to look at the stage mid-retry). */
const held = new Map<number, { reached: () => void; release: Promise<void> }>();

async function holdRetry(input: RecordStepInput): Promise<void> {
  const hold = held.get(input.runNumber);
  if (!hold || input.kind !== "comparison-retry") return;
  hold.reached();
  await hold.release;
}

beforeAll(async () => {
  services = testServices();
  worker = await startCertWorker(services, undefined, undefined, holdRetry);
});

afterAll(async () => {
  await worker?.stop();
  await services?.close();
});

const callerAs = (role: "viewer" | "shifter" | "expert") => createCaller({ services, identity: identityOf(role) });

async function refusal(p: Promise<unknown>): Promise<TRPCError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof TRPCError)) throw new Error(`expected a refusal, got ${String(err)}`);
  return err;
}

async function stageView(runNumber: number, stage: string) {
  const view = await (await services.temporal()).workflow.getHandle(certifyRunWorkflowId(runNumber)).query(certificationQuery);
  return view.stages.find((s) => s.stage === stage);
}

async function untilStatus(runNumber: number, status: string) {
  return eventually(async () => {
    const s = await stageView(runNumber, "online");
    return s?.status === status ? s : undefined;
  }, `online ${status}`);
}

describe("retrying failed comparisons", () => {
  it("fails again before the fix, succeeds after it, and is audited with its number", async () => {
    const run = await seedRun(services.db, { stages: ["online"], badPayloadStage: "online" });
    const rn = run.runNumber;
    await startCertification(worker.deps, rn, testConfig(run.referenceRun));
    expect((await untilStatus(rn, "comparison-failed")).comparisonError).toMatch(/stored histogram is malformed/);
    const shifter = callerAs("shifter");

    // The cause is still there: the retry answers with the new failure, the stage stays failed.
    const first = await shifter.certification.retryComparisons({ runNumber: rn, stage: "online", reason: "try once more" });
    expect(first).toMatchObject({ stage: "online", retry: 1, status: "comparison-failed", referenceRun: null });
    expect(first.error).toMatch(/stored histogram is malformed/);
    expect(first.message).toMatch(/^retry 1 of the online comparisons of run \d+ failed again: /);
    expect(await stageView(rn, "online")).toMatchObject({ status: "comparison-failed", comparisonError: first.error });

    // The histogram is written anew; while the retry runs, no sign-off and no second retry.
    await storeHistograms(services.db, rn, "online", { [PIXEL_ME]: th1("flat"), [DT_ME]: th1("flat") });
    let release!: () => void;
    const reached = new Promise<void>((resolve) => held.set(rn, { reached: resolve, release: new Promise<void>((r) => (release = r)) }));
    const second = shifter.certification.retryComparisons({ runNumber: rn, stage: "online", reason: "pixel histogram re-ingested" });
    await reached;
    expect(await stageView(rn, "online")).toMatchObject({ status: "comparing" });
    expect((await refusal(shifter.certification.retryComparisons({ runNumber: rn, stage: "online", reason: "again" }))).message).toMatch(/being retried already/);
    expect((await refusal(shifter.certification.signOff({ runNumber: rn, stage: "online", comment: "looks fine" }))).message).toMatch(/not awaiting sign-off \(comparing\)/);
    held.delete(rn);
    release();
    expect(await second).toMatchObject({ stage: "online", retry: 2, status: "awaiting-signoff", error: null, referenceRun: run.referenceRun });

    const view = await (await services.temporal()).workflow.getHandle(certifyRunWorkflowId(rn)).query(certificationQuery);
    expect(view.awaitingSignoff).toEqual(["online"]);
    expect(view.stages[0]).toMatchObject({ status: "awaiting-signoff", comparisonError: null, referenceRun: run.referenceRun });
    // The results and automatic flags of the retry are stored; the board no longer shows the error.
    const results = await services.db.selectFrom("cert_comparison").select(["me_path", "status", "reference_run"]).where("run_number", "=", rn).execute();
    expect(results.map((r) => r.me_path).sort()).toEqual([DT_ME, PIXEL_ME]);
    expect(results.every((r) => r.reference_run === run.referenceRun && r.status === "OK")).toBe(true);
    const flags = await services.db.selectFrom("cert_flag").select("component").where("run_number", "=", rn).execute();
    expect(flags.map((f) => f.component).sort()).toEqual(["dt-dt", "tracker-pixel"]);
    const board = await eventually(async () => {
      const row = await services.db.selectFrom("cert_run").select(["cert_status", "last_error"]).where("run_number", "=", rn).executeTakeFirst();
      return row?.cert_status === "awaiting-signoff" ? row : undefined;
    }, "the board to show the stage awaiting its sign-off");
    expect(board.last_error).toBeNull();

    // Each retry is two audit rows: who asked and why, then how it ended.
    const audit = (await auditTrail(services.db, rn)).filter((a) => a.idempotency_key.includes("/comparison-retry/"));
    expect(audit.map((a) => [a.kind, a.actor, a.idempotency_key.split("/").slice(-2).join("/")])).toEqual([
      ["comparison-retry", "test-shifter", "comparison-retry/1"],
      ["comparison-failed", "system", "1/result"],
      ["comparison-retry", "test-shifter", "comparison-retry/2"],
      ["transition", "system", "2/result"],
    ]);
    expect(audit[0]).toMatchObject({ reason: "try once more", after: { retry: 1, status: "comparing" } });
    expect(audit[1]?.reason).toMatch(/stored histogram is malformed/);
    expect(audit[2]).toMatchObject({ reason: "pixel histogram re-ingested", before: { status: "comparison-failed" } });
    expect(audit[3]).toMatchObject({ reason: "retry 2 of the online comparisons succeeded: comparisons done, automatic flags written", after: { status: "awaiting-signoff", retry: 2 } });

    // Nothing failed any more; once signed off, the stage is closed to retries.
    expect((await refusal(shifter.certification.retryComparisons({ runNumber: rn, stage: "online", reason: "once more" }))).message).toBe("comparisons of online have not failed (the stage is awaiting-signoff): there is nothing to retry");
    await signOff(worker.deps, identityOf("shifter"), { runNumber: rn, stage: "online", comment: "fine after the retry" });
    const signed = await refusal(shifter.certification.retryComparisons({ runNumber: rn, stage: "online", reason: "once more" }));
    expect(signed.code).toBe("PRECONDITION_FAILED");
    expect(signed.message).toMatch(/online of run \d+ is already signed off \(by test-shifter\)/);

    // The history with its updates replays on the current code.
    const handle = (await services.temporal()).workflow.getHandle(certifyRunWorkflowId(rn));
    await handle.terminate("test done");
    await expect(Worker.runReplayHistory({ workflowsPath }, await handle.fetchHistory(), `retry-${rn}`)).resolves.toBeUndefined();
  });

  it("signs the stage off automatically after a successful retry when the configuration says so, as after a first comparison", async () => {
    const run = await seedRun(services.db, { stages: ["online"], badPayloadStage: "online" });
    const rn = run.runNumber;
    await startCertification(worker.deps, rn, testConfig(run.referenceRun, { autoSignoff: true }));
    // A failed comparison leaves the lumisections without a status: no automatic sign-off.
    await untilStatus(rn, "comparison-failed");
    expect((await stageView(rn, "online"))?.signoff).toBeNull();

    await storeHistograms(services.db, rn, "online", { [PIXEL_ME]: th1("flat"), [DT_ME]: th1("flat") });
    const retried = await callerAs("shifter").certification.retryComparisons({ runNumber: rn, stage: "online", reason: "pixel histogram re-ingested" });
    expect(retried).toMatchObject({ retry: 1, status: "signed-off", error: null });
    expect(retried.message).toMatch(/^retry 1 of the online comparisons of run \d+ succeeded: results and automatic flags are written, and online was signed off automatically/);
    const signoffs = (await auditTrail(services.db, rn)).filter((a) => a.kind === "signoff");
    expect(signoffs.map((a) => [a.actor, a.reason])).toEqual([[AUTO_SIGNOFF_USER, "automatic sign-off"]]);

    const handle = (await services.temporal()).workflow.getHandle(certifyRunWorkflowId(rn));
    await handle.terminate("test done").catch(() => undefined);
    await expect(Worker.runReplayHistory({ workflowsPath }, await handle.fetchHistory(), `auto-retry-${rn}`)).resolves.toBeUndefined();
  });

  it("refuses a stage that did not fail, a stage not started, a viewer and an empty reason", async () => {
    const run = await seedRun(services.db, { stages: ["online"] });
    const rn = run.runNumber;
    await startCertification(worker.deps, rn, testConfig(run.referenceRun));
    await untilStatus(rn, "awaiting-signoff");

    const notFailed = await refusal(callerAs("shifter").certification.retryComparisons({ runNumber: rn, stage: "online", reason: "just in case" }));
    expect(notFailed.code).toBe("PRECONDITION_FAILED");
    expect(notFailed.message).toBe("comparisons of online have not failed (the stage is awaiting-signoff): there is nothing to retry");
    expect((await refusal(callerAs("expert").certification.retryComparisons({ runNumber: rn, stage: "express", reason: "just in case" }))).message).toMatch(/stage express of run \d+ has not started/);
    // A viewer is refused at the API edge, and by the workflow's validator for a caller that skips it.
    expect((await refusal(callerAs("viewer").certification.retryComparisons({ runNumber: rn, stage: "online", reason: "just in case" }))).code).toBe("FORBIDDEN");
    await expect(retryComparisons(worker.deps, identityOf("viewer"), { runNumber: rn, stage: "online", reason: "just in case" })).rejects.toThrow("retrying comparisons needs the shifter role; test-viewer is viewer");
    const empty = await refusal(callerAs("shifter").certification.retryComparisons({ runNumber: rn, stage: "online", reason: "  " }));
    expect(empty.code).toBe("BAD_REQUEST");
    expect(empty.message).toMatch(/say what was fixed/);
    expect((await refusal(callerAs("shifter").certification.retryComparisons({ runNumber: 1_999_999_999, stage: "online", reason: "just in case" }))).code).toBe("NOT_FOUND");

    // Nothing was written by the refusals.
    expect((await auditTrail(services.db, rn)).filter((a) => a.kind === "comparison-retry")).toEqual([]);
    await (await services.temporal()).workflow.getHandle(certifyRunWorkflowId(rn)).terminate("test done");
  });
});
