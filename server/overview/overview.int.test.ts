/**
 * The overview and the shift alarms on the real TimescaleDB and Temporal: runs certified by the
 * real certify-run workflow (comparisons that fail against their reference, a corrupt file, a
 * short sign-off deadline, the calibration gate), then read and acknowledged through the API.
 */
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../app-services";
import { reportCalibration, startCertification } from "../certification/certification.service";
import { identityOf, testServices } from "../testing/integration";
import { createCaller } from "../trpc/app-router";
import { certifyRunWorkflowId } from "../../workflows/certification/certify-run.messages";
import { eventually, seedRun, startCertWorker, testConfig } from "../../workflows/certification/testing/cert-test-kit";
import type { ShiftAlarm } from "./shift-alarms.query";

let services: AppServices;
let worker: Awaited<ReturnType<typeof startCertWorker>>;
const started: number[] = [];

beforeAll(async () => {
  services = testServices();
  worker = await startCertWorker(services);
});

afterAll(async () => {
  const client = await services.temporal();
  for (const run of started) await client.workflow.getHandle(certifyRunWorkflowId(run)).terminate("test done").catch(() => undefined);
  await worker?.stop();
  await services?.close();
});

function callerAs(role: "viewer" | "shifter" | "expert", user?: string) {
  return createCaller({ services, identity: identityOf(role, user) });
}

async function certify(opts: Parameters<typeof seedRun>[1], config: Partial<Parameters<typeof testConfig>[1]> = {}) {
  const run = await seedRun(services.db, opts);
  await startCertification(worker.deps, run.runNumber, testConfig(run.referenceRun, config));
  started.push(run.runNumber);
  return run.runNumber;
}

async function alarmsOf(runs: number[], until: (a: ShiftAlarm[]) => boolean, what: string) {
  return eventually(async () => {
    const list = await callerAs("viewer").overview.alarms({ runs });
    return until(list) ? list : undefined;
  }, what);
}

describe("overview and shift alarms", () => {
  it("raises alarms for comparisons in ERROR, failed comparisons and missed deadlines, and lists the waiting runs", async () => {
    // Pixel histograms peaked where the reference is flat: the χ² comparison is in ERROR.
    const erroring = await certify({ stages: ["online"], pixelShape: "peak" }, { deadlines: { reminderMs: 300, escalationMs: 700 } });
    // A corrupt histogram: the comparison activity fails without retrying.
    const broken = await certify({ stages: ["online"], badPayloadStage: "online" });
    const runs = [erroring, broken];

    const alarms = await alarmsOf(runs, (l) => l.length === 3, "three alarms");
    expect(alarms.map((a) => [a.runNumber, a.kind, a.stage]).sort()).toEqual(
      [
        [broken, "comparison-failed", "online"],
        [erroring, "comparison-error", "online"],
        [erroring, "deadline-missed", "online"],
      ].sort(),
    );
    const cmp = alarms.find((a) => a.kind === "comparison-error")!;
    expect(cmp).toMatchObject({ key: `comparison-error:${erroring}:online`, dataset: "online", title: `Run ${erroring} online: 1 comparison in ERROR`, acknowledged: null });
    expect(cmp.detail).toBe("PixelPhase1/Tracks/charge (shape)");
    expect(alarms.find((a) => a.kind === "comparison-failed")?.detail).toMatch(/stored histogram is malformed/);
    expect(alarms.find((a) => a.kind === "deadline-missed")?.title).toBe(`Run ${erroring} online: sign-off deadline missed`);

    const summary = await callerAs("viewer").overview.summary({ limit: 200 });
    const waiting = summary.awaitingSignoff.filter((r) => runs.includes(r.runNumber));
    expect(waiting.map((r) => [r.runNumber, r.stage, r.certStatus]).sort()).toEqual(
      [
        [broken, "online", "comparison-failed"],
        [erroring, "online", "awaiting-signoff"],
      ].sort(),
    );
    expect(summary.failedComparisons.filter((c) => c.runNumber === erroring)).toMatchObject([{ stage: "online", mePath: "PixelPhase1/Tracks/charge", test: "shape" }]);
    expect(summary.failedActivities.find((a) => a.runNumber === broken)).toMatchObject({ kind: "comparison-failed", stage: "online" });
    expect(summary.missedDeadlines.find((d) => d.runNumber === erroring)).toMatchObject({ stage: "online" });
    const online = summary.stages.find((s) => s.stage === "online")!;
    expect(online.awaitingSignoff).toBeGreaterThanOrEqual(2);
    expect(online.inFlight).toBeGreaterThanOrEqual(online.awaitingSignoff);
    expect(summary.stages.map((s) => s.stage)).toEqual(["online", "express", "prompt", "reprocessing"]);

    // The corrupt histogram is restored from its reference run's and a shifter retries: the failure is settled,
    // so neither the alarms nor the overview's failed activities list it any more (the audit keeps it).
    const reference = await services.db.selectFrom("stored_histogram").select(["me_path", "histogram"]).where("run_number", "=", broken + 1).execute();
    for (const r of reference) await services.db.updateTable("stored_histogram").set({ histogram: JSON.stringify(r.histogram) }).where("run_number", "=", broken).where("me_path", "=", r.me_path).execute();
    const retried = await callerAs("shifter", "carol").certification.retryComparisons({ runNumber: broken, stage: "online", reason: "histogram restored" });
    expect(retried.status).toBe("awaiting-signoff");
    expect((await callerAs("viewer").overview.alarms({ runs: [broken] })).filter((a) => a.kind === "comparison-failed")).toEqual([]);
    expect((await callerAs("viewer").overview.summary({ limit: 200 })).failedActivities.filter((a) => a.runNumber === broken)).toEqual([]);
    const audited = await services.db.selectFrom("cert_audit").select("kind").where("run_number", "=", broken).where("kind", "=", "comparison-failed").execute();
    expect(audited).toHaveLength(1);
  });

  it("acknowledges alarms once, for shifters only, and names unknown ones", async () => {
    const run = await certify({ stages: ["online"], pixelShape: "peak" });
    const [alarm] = await alarmsOf([run], (l) => l.length === 1, "the comparison alarm");
    const key = alarm!.key;

    const refused = await callerAs("viewer").overview.acknowledge({ keys: [key] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe("FORBIDDEN");
    expect((await callerAs("viewer").overview.alarms({ runs: [run] }))[0]?.acknowledged).toBeNull();

    const first = await callerAs("shifter", "alice").overview.acknowledge({ keys: [key] });
    expect(first.newlyAcknowledged).toBe(1);
    expect(first.alarms).toMatchObject([{ key, acknowledged: { by: "alice" } }]);
    const again = await callerAs("expert", "bob").overview.acknowledge({ keys: [key] });
    expect(again.newlyAcknowledged).toBe(0);
    expect(again.alarms[0]?.acknowledged?.by).toBe("alice");
    const row = await services.db.selectFrom("alarm_ack").selectAll().where("alarm_key", "=", key).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ run_number: run, acknowledged_by: "alice" });

    // Acknowledged alarms stay listed for a while, after the unacknowledged ones, then drop out.
    expect((await callerAs("viewer").overview.alarms({ runs: [run] }))[0]?.acknowledged?.by).toBe("alice");
    expect(await callerAs("viewer").overview.alarms({ runs: [run], acknowledgedWithinHours: 0 })).toEqual([]);

    const unknown = await callerAs("shifter").overview.acknowledge({ keys: [key, "audit:999999999"] }).catch((e: unknown) => e);
    expect((unknown as TRPCError).code).toBe("NOT_FOUND");
    expect((unknown as TRPCError).message).toMatch(/no such alarm: audit:999999999/);
    const malformed = await callerAs("shifter").overview.acknowledge({ keys: ["whatever"] }).catch((e: unknown) => e);
    expect((malformed as TRPCError).code).toBe("BAD_REQUEST");
  });

  it("lists a run at the calibration gate with the calibrations it still waits for", async () => {
    const run = await certify({}, { autoSignoff: true, calibration: { workflows: ["BeamSpot", "SiStripGains"], timeoutMs: 600_000 } });
    const gated = async () => (await callerAs("viewer").overview.summary({ limit: 200 })).awaitingCalibration.find((r) => r.runNumber === run);
    expect(await eventually(gated, "the calibration gate")).toMatchObject({ missing: [{ workflow: "BeamSpot", status: "pending" }, { workflow: "SiStripGains", status: "pending" }] });
    await reportCalibration(worker.deps, identityOf("shifter"), { runNumber: run, workflow: "BeamSpot", status: "done" });
    await reportCalibration(worker.deps, identityOf("shifter"), { runNumber: run, workflow: "SiStripGains", status: "running" });
    expect((await gated())?.missing).toEqual([{ workflow: "SiStripGains", status: "running" }]);
    const express = (await callerAs("viewer").overview.summary()).stages.find((s) => s.stage === "express")!;
    expect(express.awaitingCalibration).toBeGreaterThanOrEqual(1);
  });
});
