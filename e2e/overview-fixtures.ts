/**
 * Runs for the overview and alarm journeys, certified by the real certify-run workflow on the
 * worker the app under test uses (same database, namespace and task queue, from the environment
 * scripts/test.sh exports). They arrive through the pipeline: their OMS and DQM files are
 * dropped in the watched folders (pipeline-files.ts), and a shifter's sign-offs go through the
 * certification service. Each run gets a fresh number, so no journey depends on another's data
 * and the journeys can be repeated against the same database.
 */
import { expect, type Page } from "@playwright/test";
import { createAppServices } from "../server/app-services";
import { certificationConfigSchema } from "../server/certification/certification-config";
import { loadCertificationConfig } from "../server/certification/certification-config-file";
import { signOff } from "../server/certification/certification.service";
import { CertificationRuleError, NotFoundError } from "../server/certification/errors";
import { parseConfig } from "../server/config/config";
import { certificationQuery, certifyRunWorkflowId, certifyRunWorkflowType, RunClassKey, RunNumberKey } from "../workflows/certification/certify-run.messages";
import type { certifyRunWorkflow } from "../workflows/certification/certify-run.workflow";
import { MES } from "../scripts/demo/demo-certification";
import { type DroppedRun, dropRun, freshRunNumber } from "./pipeline-files";

/** The monitor element the failing run's injected problem (a hole in the track η) breaks. */
export const FAILING_ME = MES.find((m) => m.component === "tracker-strip")!.path;

export function certificationFixtures() {
  const services = createAppServices(parseConfig(process.env));
  const { db } = services;
  const dropped: DroppedRun[] = [];
  const started: number[] = [];
  const deps = { db, temporal: () => services.temporal(), taskQueue: services.config.TEMPORAL_TASK_QUEUE };
  const shifter = { user: "e2e-shifter", role: "shifter" as const, groups: [], via: "local" as const };

  /** Signs off each of `stages` as soon as the run's workflow waits for it (as a shifter would). */
  async function signOffInTurn(runNumber: number, stages: readonly ("online" | "express")[]): Promise<void> {
    const client = await services.temporal();
    const deadline = Date.now() + 120_000;
    for (const stage of stages) {
      for (;;) {
        const view = await client.workflow.getHandle(certifyRunWorkflowId(runNumber)).query(certificationQuery).catch(() => null);
        if (view?.awaitingSignoff.includes(stage)) {
          try {
            await signOff(deps, shifter, { runNumber, stage, comment: "browser test: checked" });
            break;
          } catch (err) {
            if (!(err instanceof CertificationRuleError) && !(err instanceof NotFoundError)) throw err;
          }
        }
        if (Date.now() > deadline) throw new Error(`run ${runNumber}: ${stage} never waited for a sign-off (${view ? `${view.currentStage}: ${view.certStatus}` : "no workflow"})`);
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
  }

  async function drop(stages: readonly ("online" | "express")[], opts: { runNumber?: number; trackerHole?: boolean } = {}): Promise<number> {
    const d = await dropRun({ stages, ...opts });
    dropped.push(d);
    return d.runNumber;
  }

  return {
    /**
     * Online comparison of the track η in ERROR, and a sign-off deadline missed a few seconds
     * later. No production configuration has deadlines of seconds, so this run's workflow is
     * started first (through Temporal, waiting for its metadata) with the product's
     * configuration and short deadlines; its files then arrive through the watched folders.
     */
    async failingRun(): Promise<number> {
      const runNumber = freshRunNumber();
      const product = await loadCertificationConfig(services.config.CERTIFICATION_CONFIG);
      const config = certificationConfigSchema.parse({ ...product, deadlines: { reminderMs: 1000, escalationMs: 2500 } });
      const client = await services.temporal();
      await client.workflow.start<typeof certifyRunWorkflow>(certifyRunWorkflowType, {
        workflowId: certifyRunWorkflowId(runNumber),
        taskQueue: services.config.TEMPORAL_TASK_QUEUE,
        args: [{ runNumber, runClass: "Collisions", lsCount: 0, config, metadataPending: true }],
        typedSearchAttributes: [
          { key: RunNumberKey, value: runNumber },
          { key: RunClassKey, value: "Collisions" },
        ],
      });
      started.push(runNumber);
      return drop(["online"], { runNumber, trackerHole: true });
    },
    /** Dropped as files; comparisons pass; online waits for a shifter's sign-off. */
    awaitingSignoffRun: () => drop(["online"]),
    /** Dropped as files; a shifter signs off online and express; it waits at the calibration gate. */
    async calibrationGateRun(): Promise<number> {
      const run = await drop(["online", "express"]);
      await signOffInTurn(run, ["online", "express"]);
      return run;
    },
    /** Takes the journeys' files out of the watched folders and stops the short-deadline workflows (their runs stay, like any ingested run). */
    async cleanUp(): Promise<void> {
      for (const d of dropped) await d.remove();
      const client = await services.temporal();
      for (const rn of started) await client.workflow.getHandle(certifyRunWorkflowId(rn)).terminate("browser test done").catch(() => undefined);
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
