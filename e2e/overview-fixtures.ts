/**
 * Runs for the overview and alarm journeys, certified by the real certify-run workflow on the
 * worker the app under test uses (same database, namespace and task queue, from the environment
 * scripts/test.sh exports). Each run gets a fresh number, so the journeys can be repeated against
 * the same database; `cleanUp` terminates the workflows and deletes the runs afterwards.
 */
import { randomInt } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { createAppServices } from "../server/app-services";
import type { CertificationConfig } from "../server/certification/certification-config";
import { startCertification } from "../server/certification/certification.service";
import { parseConfig } from "../server/config/config";
import { certifyRunWorkflowId } from "../workflows/certification/certify-run.messages";
import { DT_ME, PIXEL_ME, storeHistograms, testConfig, th1 } from "../workflows/certification/testing/cert-fixtures";

export { PIXEL_ME };
const LS = 10;

export function certificationFixtures() {
  const services = createAppServices(parseConfig(process.env));
  const { db } = services;
  const runs: number[] = [];

  async function seed(pixel: "flat" | "peak", stages: readonly ("online" | "express")[]): Promise<{ runNumber: number; referenceRun: number }> {
    const runNumber = randomInt(1_500_000_000, 1_600_000_000);
    const referenceRun = runNumber + 1;
    runs.push(runNumber, referenceRun);
    for (const rn of [runNumber, referenceRun]) {
      await db.insertInto("run").values({ run_number: rn, start_time: new Date(), run_class: "Collisions", ls_count: LS, recorded_lumi: LS * 0.5, significant: true }).execute();
    }
    await storeHistograms(db, referenceRun, "online", { [PIXEL_ME]: th1("flat"), [DT_ME]: th1("flat") });
    for (const stage of stages) {
      const name = stage === "online" ? "online" : "/ZeroBias/Run2026A-Express-v1/DQMIO";
      await storeHistograms(db, runNumber, name, { [PIXEL_ME]: th1(pixel), [DT_ME]: th1("flat") });
    }
    return { runNumber, referenceRun };
  }

  /** The integration tests' configuration, with deadlines and timeouts long enough for a page journey. */
  const config = (referenceRun: number, overrides: Partial<CertificationConfig>): CertificationConfig =>
    testConfig(referenceRun, {
      deadlines: { reminderMs: 3_600_000, escalationMs: 7_200_000 },
      calibration: { workflows: ["BeamSpot", "SiStripGains"], timeoutMs: 3_600_000 },
      dataPollMs: 500,
      activity: { startToCloseMs: 10_000, initialRetryMs: 200, maximumAttempts: 5 },
      reprocessingIdleMs: null,
      ...overrides,
    });

  /** Seeds a run and starts its certification; returns the run number. */
  async function certify(pixel: "flat" | "peak", overrides: Partial<CertificationConfig> = {}, stages: readonly ("online" | "express")[] = ["online"]): Promise<number> {
    const { runNumber, referenceRun } = await seed(pixel, stages);
    await startCertification({ db, temporal: () => services.temporal(), taskQueue: services.config.TEMPORAL_TASK_QUEUE }, runNumber, config(referenceRun, overrides));
    return runNumber;
  }

  return {
    /** Online comparisons in ERROR, and a sign-off deadline missed a few seconds later. */
    failingRun: () => certify("peak", { deadlines: { reminderMs: 1000, escalationMs: 2500 } }),
    /** Comparisons pass; online waits for a shifter's sign-off. */
    awaitingSignoffRun: () => certify("flat"),
    /** Signed off automatically up to the calibration gate, where it waits for BeamSpot and SiStripGains. */
    calibrationGateRun: () => certify("flat", { autoSignoff: true }, ["online", "express"]),
    async cleanUp(): Promise<void> {
      const client = await services.temporal();
      for (const rn of runs) await client.workflow.getHandle(certifyRunWorkflowId(rn)).terminate("browser test done").catch(() => undefined);
      if (runs.length) {
        for (const table of ["alarm_ack", "cert_audit", "cert_calibration", "cert_notification", "stored_histogram", "ingest_file"] as const) await db.deleteFrom(table).where("run_number", "in", runs).execute();
        await db.deleteFrom("run").where("run_number", "in", runs).execute();
      }
      await services.close();
    },
  };
}

/** Waits until React has hydrated a page with the alarm banner (its effects create the probe). */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__dqmflowAlarm !== undefined);
}

/** Switches the role the developer acts as (local auth mode), waiting for the reloaded page. */
export async function actAs(page: Page, role: "viewer" | "shifter" | "expert"): Promise<void> {
  await hydrated(page);
  const combobox = page.getByRole("combobox", { name: "Role" });
  if ((await combobox.inputValue()) === role) return;
  await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === "/identity"), combobox.selectOption(role)]);
  await page.waitForLoadState();
  await hydrated(page);
  await expect(page.getByRole("combobox", { name: "Role" })).toHaveValue(role);
}
