/**
 * Certification's activities, built from their dependencies. Every write is keyed by the
 * workflow id and step, so a retried activity or a worker that died mid-step writes nothing twice.
 */
import { ApplicationFailure, Context } from "@temporalio/activity";
import type { Db } from "../../db/pool";
import type { Stage } from "../../db/tables/dataset.table";
import type { TestResult } from "../../server/compare";
import { runConfiguredTests } from "../../server/compare";
import { auditKey, recordAudit } from "../../server/certification/audit.repository";
import { autoFlags, type ComparisonOutcome } from "../../server/certification/auto-flags";
import type { CalibrationState } from "../../server/certification/calibration";
import type { CertificationConfig } from "../../server/certification/certification-config";
import { type CertRunStatus, referenceRunFor, setDatasetState, upsertCertRun } from "../../server/certification/cert-run.repository";
import { insertFlags } from "../../server/certification/flag.repository";
import { stageReadiness } from "../../server/certification/stage-readiness";
import { BadHistogramError, type HistogramSource } from "../../server/certification/histogram-source";
import { trendCheckResults } from "../../server/hdqm/trend-check-results";
import { writeAnomalyTrendPoints } from "../../server/ml/anomaly-trend";
import { stageAnomalyResults } from "../../server/ml/stage-anomaly";
import type { DatasetState } from "../../server/certification/states";
import type { StageReadiness } from "./certify-run.messages";

export interface CertificationActivityDeps {
  db: Db;
  histograms: HistogramSource;
  /** Outbound HTTP (the global fetch unless a test gives another). */
  fetch?: typeof fetch;
}

export interface RecordStepInput {
  readonly runNumber: number;
  /** The step's name inside its workflow; with the workflow id it is the audit row's key. */
  readonly step: readonly (string | number)[];
  readonly kind: string;
  readonly actor: string;
  readonly reason: string;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly status: Omit<CertRunStatus, "workflowId">;
  readonly dataset?: { readonly name: string; readonly stage: Stage; readonly state: DatasetState; readonly workspaces: readonly string[] };
}

export interface CompareStageInput {
  readonly runNumber: number;
  readonly runClass: string;
  readonly stage: Stage;
  readonly dataset: string;
  readonly config: Pick<CertificationConfig, "monitorElements" | "comparisons" | "references">;
}

export interface CompareStageResult {
  readonly referenceRun: number | null;
  readonly outcomes: ComparisonOutcome[];
}

export interface AutoFlagInput {
  readonly runNumber: number;
  readonly stage: Stage;
  readonly dataset: string;
  readonly lsCount: number;
  readonly config: Pick<CertificationConfig, "components" | "autoFlagRules">;
  readonly outcomes: readonly ComparisonOutcome[];
}

export interface NotifyInput {
  readonly runNumber: number;
  readonly endpoint: string | null;
  readonly releasedBy: "ready" | "timeout";
  readonly calibration: CalibrationState;
}

function stepContext() {
  const info = Context.current().info;
  const wf = info.workflowExecution;
  if (!wf) throw ApplicationFailure.nonRetryable("certification activities run inside a workflow", "NoWorkflow");
  return { workflowId: wf.workflowId, workflowRunId: wf.runId, activityId: info.activityId, attempt: info.attempt };
}

function finite(n: number | undefined): number | null {
  return n === undefined || !Number.isFinite(n) ? null : n;
}

export function createCertificationActivities(deps: CertificationActivityDeps) {
  const { db, histograms } = deps;
  const doFetch = deps.fetch ?? fetch;

  return {
    /** One audit row and the board's status (run and dataset state) in one transaction. */
    async recordStep(input: RecordStepInput): Promise<void> {
      const ctx = stepContext();
      await db.transaction().execute(async (trx) => {
        const wrote = await recordAudit(trx, {
          key: auditKey(ctx.workflowId, ...input.step),
          runNumber: input.runNumber,
          kind: input.kind,
          actor: input.actor,
          before: input.before,
          after: input.after,
          reason: input.reason,
          ...ctx,
        });
        if (!wrote) return;
        await upsertCertRun(trx, { ...input.status, workflowId: ctx.workflowId });
        if (input.dataset) await setDatasetState(trx, input.runNumber, input.dataset.name, input.dataset.stage, input.dataset.workspaces, input.dataset.state);
      });
    },

    /** Polling fallback for ingest's signal: the stage's dataset once its histograms are there. */
    async findStageData(input: { runNumber: number; stage: Stage; dataset?: string }): Promise<string | null> {
      return histograms.findDataset(input.runNumber, input.stage, input.dataset);
    },

    /** Runs the configured comparisons of the stage's MEs against the run class's reference and stores the results. */
    async compareStage(input: CompareStageInput): Promise<CompareStageResult> {
      const referenceRun = await referenceRunFor(db, input.runClass, input.config.references);
      const mes = [];
      try {
        for (const mePath of input.config.monitorElements) {
          Context.current().heartbeat(mePath);
          const data = await histograms.get(input.runNumber, input.dataset, mePath);
          if (!data) continue;
          const ref = referenceRun === null ? null : await histograms.getReference(referenceRun, input.stage, mePath);
          mes.push({ mePath, data, references: ref ? [ref] : [] });
        }
      } catch (err) {
        if (err instanceof BadHistogramError) throw ApplicationFailure.nonRetryable(err.message, "BadHistogramError");
        throw err;
      }
      const results = runConfiguredTests(input.config.comparisons, mes);
      // `reference`: whether the result compares the run with the reference run.
      const rows: { mePath: string; r: TestResult; reference: boolean }[] = [];
      for (const [mePath, list] of results) for (const r of list) rows.push({ mePath, r, reference: true });
      // The anomaly models' verdict from the run's per-lumisection histograms, where there are
      // models; their scores also become HDQM trend points of the stage's dataset.
      const anomalies = await stageAnomalyResults(db, input.runNumber);
      for (const a of anomalies) rows.push({ mePath: a.me, r: a.result, reference: false });
      await writeAnomalyTrendPoints(db, input.runNumber, input.dataset, anomalies);
      // HDQM's trend checks on the points of this dataset (an automatic-flag source like any ME).
      for (const t of await trendCheckResults(db, input.runNumber, input.dataset)) rows.push({ ...t, reference: false });
      if (rows.length > 0) {
        const values = rows.map(({ mePath, r, reference }) => ({
          run_number: input.runNumber,
          stage: input.stage,
          dataset_name: input.dataset,
          me_path: mePath,
          test: r.test,
          reference_run: reference ? referenceRun : null,
          statistic: finite(r.statistic),
          p_value: finite(r.pValue),
          score: finite(r.score),
          status: r.status,
          message: r.message ?? null,
        }));
        await db
          .insertInto("cert_comparison")
          .values(values)
          .onConflict((oc) =>
            oc.columns(["run_number", "dataset_name", "me_path", "test"]).doUpdateSet((eb) => ({
              reference_run: eb.ref("excluded.reference_run"),
              statistic: eb.ref("excluded.statistic"),
              p_value: eb.ref("excluded.p_value"),
              score: eb.ref("excluded.score"),
              status: eb.ref("excluded.status"),
              message: eb.ref("excluded.message"),
            })),
          )
          .execute();
      }
      return { referenceRun, outcomes: rows.map(({ mePath, r }) => ({ mePath, test: r.test, status: r.status })) };
    },

    /** Writes the rules' automatic flags (and their audit rows) once; returns the stage's sign-off readiness. */
    async applyAutoFlags(input: AutoFlagInput): Promise<StageReadiness> {
      const ctx = stepContext();
      const flags = autoFlags(input.config.autoFlagRules, input.outcomes, input.lsCount);
      const prefix = auditKey(ctx.workflowId, input.stage, input.dataset, "autoflag");
      await db.transaction().execute(async (trx) => {
        await insertFlags(trx, input.runNumber, input.dataset, flags, "auto", prefix);
        for (const [i, f] of flags.entries()) {
          await recordAudit(trx, { key: `${prefix}/${i}`, runNumber: input.runNumber, kind: "auto-flag", actor: `rule:${f.origin.name}`, after: f, reason: f.cause, ...ctx });
        }
      });
      return stageReadiness(db, input.runNumber, input.dataset, input.config.components, input.lsCount);
    },

    /** "Ready for prompt reco" to Tier-0: POSTed once (retried on failure), recorded with the outcome. */
    async notifyPromptReco(input: NotifyInput): Promise<{ outcome: string; httpStatus: number | null }> {
      const ctx = stepContext();
      const key = auditKey(ctx.workflowId, "notify", "prompt-reco");
      const done = await db.selectFrom("cert_notification").select(["outcome", "http_status"]).where("idempotency_key", "=", key).executeTakeFirst();
      if (done) return { outcome: done.outcome, httpStatus: done.http_status };
      let outcome = "skipped: no endpoint configured";
      let httpStatus: number | null = null;
      if (input.endpoint) {
        const res = await doFetch(input.endpoint, {
          method: "POST",
          headers: { "content-type": "application/json", "idempotency-key": key },
          body: JSON.stringify({ run: input.runNumber, readyForPromptReco: true, releasedBy: input.releasedBy, calibration: input.calibration }),
          signal: AbortSignal.timeout(10_000),
        });
        httpStatus = res.status;
        if (res.status >= 500 || res.status === 429) throw new Error(`prompt-reco endpoint answered ${res.status}`);
        if (!res.ok) throw ApplicationFailure.nonRetryable(`prompt-reco endpoint refused the notification: HTTP ${res.status}`, "NotificationRejected");
        outcome = "sent";
      }
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("cert_notification")
          .values({ idempotency_key: key, run_number: input.runNumber, kind: "ready-for-prompt-reco", endpoint: input.endpoint, outcome, http_status: httpStatus, attempts: ctx.attempt })
          .onConflict((oc) => oc.column("idempotency_key").doNothing())
          .execute();
        await recordAudit(trx, { key, runNumber: input.runNumber, kind: "notification", actor: "system", after: { endpoint: input.endpoint, outcome, httpStatus, attempts: ctx.attempt }, reason: `ready for prompt reco (${input.releasedBy})`, ...ctx });
      });
      return { outcome, httpStatus };
    },
  };
}

export type CertificationActivities = ReturnType<typeof createCertificationActivities>;
