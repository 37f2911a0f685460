/**
 * The overview page's picture of certification: runs in flight per stage, runs waiting for a
 * sign-off or for prompt calibrations, recent failures (comparisons in ERROR, failed activities
 * that no later step of their stage settled), missed sign-off deadlines and HDQM trend alarms.
 */
import type { Db } from "../../db/pool";
import { listAlarms } from "../hdqm/alarms";
import { stageOfAuditKey } from "./alarm-key";
import { notSettled } from "./settled-failure";
import { CALIBRATION_GATE, countByStage, signoffStatuses } from "./run-progress";

export interface OverviewOptions {
  /** Length of each list (default 20). */
  readonly limit?: number;
}

const failedActivityKinds = ["comparison-failed", "notification-failed"];

async function waitingRuns(db: Db, limit: number) {
  const byStatus = (statuses: string[]) =>
    db
      .selectFrom("cert_run")
      .select(["run_number", "run_class", "stage", "cert_status", "last_error", "updated_at", "workflow_id"])
      .where("cert_status", "in", statuses)
      // Newest first: a workflow terminated by hand leaves its last status behind for good.
      .orderBy("updated_at", "desc")
      .orderBy("run_number", "desc")
      .limit(limit)
      .execute();
  const [signoff, gated] = await Promise.all([byStatus(signoffStatuses), byStatus([CALIBRATION_GATE])]);
  const gateRows = gated.length
    ? await db.selectFrom("cert_audit").select(["workflow_id", "after"]).where("kind", "=", "transition").where("idempotency_key", "in", gated.map((r) => `${r.workflow_id}/express/calibration/gate`)).execute()
    : [];
  const reports = gated.length ? await db.selectFrom("cert_calibration").select(["run_number", "workflow", "status"]).where("run_number", "in", gated.map((r) => r.run_number)).execute() : [];
  return {
    awaitingSignoff: signoff.map((r) => ({ runNumber: r.run_number, runClass: r.run_class, stage: r.stage, certStatus: r.cert_status, lastError: r.last_error, since: r.updated_at.toISOString() })),
    awaitingCalibration: gated.map((r) => {
      // The gate's audit row lists the calibrations the run waits for; reports since then update them.
      const initial = (gateRows.find((g) => g.workflow_id === r.workflow_id)?.after as { calibration?: Record<string, string> } | null)?.calibration ?? {};
      const state: Record<string, string> = { ...initial };
      for (const c of reports.filter((c) => c.run_number === r.run_number)) state[c.workflow] = c.status;
      return { runNumber: r.run_number, runClass: r.run_class, since: r.updated_at.toISOString(), missing: Object.entries(state).filter(([, s]) => s !== "done").map(([w, s]) => ({ workflow: w, status: s })).sort((a, b) => a.workflow.localeCompare(b.workflow)) };
    }),
  };
}

export async function overviewSummary(db: Db, opts: OverviewOptions = {}) {
  const limit = opts.limit ?? 20;
  const [statusCounts, waiting, failedComparisons, failedActivities, deadlines, trendAlarms] = await Promise.all([
    db.selectFrom("cert_run").select((eb) => ["stage", "cert_status", eb.fn.countAll<number>().as("n")]).groupBy(["stage", "cert_status"]).execute(),
    waitingRuns(db, limit),
    db
      .selectFrom("cert_comparison")
      .select(["run_number", "stage", "dataset_name", "me_path", "test", "statistic", "p_value", "score", "message", "created_at"])
      .where("status", "=", "ERROR")
      .orderBy("created_at", "desc")
      .orderBy("run_number", "desc")
      .orderBy("me_path")
      .limit(limit)
      .execute(),
    db
      .selectFrom("cert_audit as a")
      .select(["a.id", "a.run_number", "a.kind", "a.at", "a.reason", "a.idempotency_key"])
      .where("a.kind", "in", failedActivityKinds)
      .where(notSettled)
      .orderBy("a.id", "desc")
      .limit(limit)
      .execute(),
    db.selectFrom("cert_audit").select(["id", "run_number", "at", "reason", "idempotency_key"]).where("kind", "=", "escalation").orderBy("id", "desc").limit(limit).execute(),
    listAlarms(db, { limit }),
  ]);
  return {
    stages: countByStage(statusCounts.map((c) => ({ stage: c.stage, certStatus: c.cert_status, n: c.n }))),
    ...waiting,
    failedComparisons: failedComparisons.map((c) => ({
      runNumber: c.run_number,
      stage: c.stage,
      dataset: c.dataset_name,
      mePath: c.me_path,
      test: c.test,
      statistic: c.statistic,
      pValue: c.p_value,
      score: c.score,
      message: c.message,
      at: c.created_at.toISOString(),
    })),
    failedActivities: failedActivities.map((a) => ({ id: a.id, runNumber: a.run_number, kind: a.kind, stage: stageOfAuditKey(a.idempotency_key), reason: a.reason, at: a.at.toISOString() })),
    missedDeadlines: deadlines.map((d) => ({ id: d.id, runNumber: d.run_number, stage: stageOfAuditKey(d.idempotency_key), reason: d.reason, at: d.at.toISOString() })),
    trendAlarms,
  };
}

export type OverviewSummary = Awaited<ReturnType<typeof overviewSummary>>;
