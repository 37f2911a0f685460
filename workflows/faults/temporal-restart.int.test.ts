/**
 * Fault: the Temporal server restarts in the middle of a stage (issue 11, R1/R5). A run is being
 * certified on a worker of this process; while its express comparison runs, the dev server is
 * stopped and started again on the same database file (`services.sh restart-temporal`). The
 * worker and clients reconnect by themselves, the run completes, and every audit row, flag and
 * comparison result is there exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../server/app-services";
import { startCertification } from "../../server/certification/certification.service";
import { dbHistogramSource, type HistogramSource } from "../../server/certification/histogram-source";
import { forgetRuns } from "../../server/ingest/test-support";
import { testServices } from "../../server/testing/integration";
import { type CertificationView, certifyRunWorkflowId } from "../certification/certify-run.messages";
import { DT_ME, PIXEL_ME, seedRun, stageDataset, startCertWorker, testConfig, type SeededRun } from "../certification/testing/cert-test-kit";
import { auditKeys, certRows, expectedAuditKeys, forgetCertification, STAGES } from "./testing/cert-run-checks";
import { ensureUp, faultProfile, restartTemporal } from "./testing/fault-services";

let services: AppServices;
let profile: string | undefined;
let run: SeededRun | undefined;
let worker: Awaited<ReturnType<typeof startCertWorker>> | undefined;

beforeAll(() => {
  profile = faultProfile();
  services = testServices();
});

afterAll(async () => {
  // Whatever happened in the test, the profile's services run again for the next test file.
  if (profile) await ensureUp(profile);
  await worker?.stop();
  if (run) {
    await (await services.temporal()).workflow.getHandle(certifyRunWorkflowId(run.runNumber)).terminate("test over").catch(() => undefined);
    await forgetCertification(services.db, [run.runNumber]);
    await forgetRuns(services.db, [run.runNumber, run.referenceRun]);
  }
  await services?.close();
});

describe("the Temporal server restarted in the middle of a stage", () => {
  it("lets the run continue to its end with every audit row exactly once", { timeout: 120_000 }, async () => {
    // Histogram reads that take 1 s each and say when the express stage's comparison is under way.
    const inner = dbHistogramSource(services.db);
    let expressComparing: () => void = () => undefined;
    const comparing = new Promise<void>((resolve) => (expressComparing = resolve));
    const slow: HistogramSource = {
      findDataset: (r, s, n) => inner.findDataset(r, s, n),
      getReference: (r, s, m) => inner.getReference(r, s, m),
      async get(r, d, m) {
        if (d === stageDataset("express")) expressComparing();
        await new Promise((res) => setTimeout(res, 1_000));
        return inner.get(r, d, m);
      },
    };
    worker = await startCertWorker(services, slow);
    run = await seedRun(services.db);
    const config = testConfig(run.referenceRun, {
      autoSignoff: true,
      calibration: { workflows: [], timeoutMs: 1_000 },
      reprocessingIdleMs: 1,
      activity: { startToCloseMs: 5_000, initialRetryMs: 200, maximumAttempts: 20 },
    });
    await startCertification(worker.deps, run.runNumber, config);

    await comparing;
    const wf = certifyRunWorkflowId(run.runNumber);
    const beforeRestart = await auditKeys(services.db, run.runNumber);
    await restartTemporal(profile!);
    // It landed mid-stage: express had its data and no sign-off yet.
    expect(beforeRestart).toContain(`${wf}/express/data`);
    expect(beforeRestart).not.toContain(`${wf}/express/awaiting-signoff`);

    const final = (await (await services.temporal()).workflow.getHandle(wf).result()) as CertificationView;
    expect(final).toMatchObject({ runState: "COMPLETED", calibrationReleasedBy: "ready" });
    expect(await auditKeys(services.db, run.runNumber)).toEqual(expectedAuditKeys(run.runNumber));
    const { flags, comparisons } = await certRows(services.db, run.runNumber);
    expect(flags).toHaveLength(STAGES.length * 2);
    expect(new Set(flags.map((f) => `${f.dataset_name}|${f.component}`)).size).toBe(flags.length);
    expect(comparisons.map((c) => `${c.dataset_name}|${c.me_path}|${c.test}`).sort()).toEqual(STAGES.flatMap((s) => [PIXEL_ME, DT_ME].map((me) => `${stageDataset(s)}|${me}|shape`)).sort());
  });
});
