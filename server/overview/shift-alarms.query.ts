/**
 * The shift's alarm list: comparisons in ERROR (one alarm per run and dataset), comparison
 * activities that failed and that no later step of their stage settled
 * (./settled-failure.ts), and sign-off deadlines missed (the workflow's escalation), each with
 * its acknowledgement when there is one. Derived on every read from certification's tables,
 * so a workflow never has to know about alarms; only acknowledgements are stored.
 */
import { sql } from "kysely";
import type { Db } from "../../db/pool";
import type { Stage } from "../../db/tables/dataset.table";
import { type AlarmKind, alarmAuditKinds, auditAlarmKey, comparisonAlarmKey, stageOfAuditKey } from "./alarm-key";
import { notSettled } from "./settled-failure";

/** Alarms raised longer ago than this are no longer listed (a shift reads the recent ones). */
export const ALARM_WINDOW_DAYS = 7;

export interface ShiftAlarm {
  readonly key: string;
  readonly kind: AlarmKind;
  readonly runNumber: number;
  readonly stage: Stage | null;
  readonly dataset: string | null;
  readonly title: string;
  readonly detail: string;
  readonly raisedAt: string;
  readonly acknowledged: { readonly by: string; readonly at: string } | null;
}

export interface AlarmListOptions {
  /** Acknowledged alarms are listed too when acknowledged within this many hours (default 12). */
  readonly acknowledgedWithinHours?: number;
  readonly limit?: number;
  /** Only alarms of these runs. */
  readonly runs?: readonly number[];
}

type RawAlarm = Omit<ShiftAlarm, "acknowledged">;

async function comparisonAlarms(db: Db, since: Date, runs?: readonly number[]): Promise<RawAlarm[]> {
  let q = db
    .selectFrom("cert_comparison")
    .select((eb) => [
      "run_number",
      "stage",
      "dataset_name",
      eb.fn.max("created_at").as("raised_at"),
      eb.fn.countAll<number>().as("n"),
      sql<string[]>`array_agg(me_path || ' (' || test || ')' order by me_path, test)`.as("failed"),
    ])
    .where("status", "=", "ERROR")
    .where("created_at", ">=", since)
    .groupBy(["run_number", "stage", "dataset_name"]);
  if (runs) q = q.where("run_number", "in", runs.length ? [...runs] : [-1]);
  const rows = await q.execute();
  return rows.map((r) => ({
    key: comparisonAlarmKey(r.run_number, r.dataset_name),
    kind: "comparison-error",
    runNumber: r.run_number,
    stage: r.stage,
    dataset: r.dataset_name,
    title: `Run ${r.run_number} ${r.stage}: ${r.n} comparison${r.n === 1 ? "" : "s"} in ERROR`,
    detail: r.failed.slice(0, 5).join(", ") + (r.failed.length > 5 ? ` and ${r.failed.length - 5} more` : ""),
    raisedAt: new Date(r.raised_at).toISOString(),
  }));
}

async function auditAlarms(db: Db, since: Date, runs?: readonly number[]): Promise<RawAlarm[]> {
  let q = db
    .selectFrom("cert_audit as a")
    .select(["a.id", "a.run_number", "a.kind", "a.at", "a.reason", "a.idempotency_key"])
    .where("a.kind", "in", Object.keys(alarmAuditKinds))
    .where("a.at", ">=", since)
    .where(notSettled);
  if (runs) q = q.where("a.run_number", "in", runs.length ? [...runs] : [-1]);
  const rows = await q.execute();
  return rows.map((r) => {
    const kind = alarmAuditKinds[r.kind as keyof typeof alarmAuditKinds];
    const stage = stageOfAuditKey(r.idempotency_key);
    const where = `Run ${r.run_number}${stage ? ` ${stage}` : ""}`;
    return {
      key: auditAlarmKey(r.id),
      kind,
      runNumber: r.run_number,
      stage,
      dataset: null,
      title: kind === "deadline-missed" ? `${where}: sign-off deadline missed` : `${where}: comparisons could not run`,
      detail: r.reason,
      raisedAt: r.at.toISOString(),
    };
  });
}

/** Unacknowledged alarms first, then recently acknowledged ones; newest first within each. */
export async function listShiftAlarms(db: Db, opts: AlarmListOptions = {}): Promise<ShiftAlarm[]> {
  const since = new Date(Date.now() - ALARM_WINDOW_DAYS * 86_400_000);
  const ackSince = new Date(Date.now() - (opts.acknowledgedWithinHours ?? 12) * 3_600_000);
  const raw = [...(await comparisonAlarms(db, since, opts.runs)), ...(await auditAlarms(db, since, opts.runs))];
  const acks = raw.length
    ? await db.selectFrom("alarm_ack").selectAll().where("alarm_key", "in", raw.map((a) => a.key)).execute()
    : [];
  const ackOf = new Map(acks.map((a) => [a.alarm_key, a]));
  const alarms: ShiftAlarm[] = [];
  for (const a of raw) {
    const ack = ackOf.get(a.key);
    if (ack && ack.acknowledged_at < ackSince) continue;
    alarms.push({ ...a, acknowledged: ack ? { by: ack.acknowledged_by, at: ack.acknowledged_at.toISOString() } : null });
  }
  alarms.sort((x, y) => Number(x.acknowledged !== null) - Number(y.acknowledged !== null) || y.raisedAt.localeCompare(x.raisedAt) || x.key.localeCompare(y.key));
  return alarms.slice(0, opts.limit ?? 200);
}
