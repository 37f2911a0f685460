/**
 * Automatic trend checks on every new point, configured beside the metric: inside an expected
 * range, or within k σ of the mean of the last N good runs (significant, no alarm of their own
 * on that metric, same primary dataset and processing string, started earlier).
 */
import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../db/database";
import type { TrendCheckKind } from "../../db/tables/trend-alarm.table";
import type { TrendCheck } from "../metrics/index";

type DbOrTrx = Kysely<Database> | Transaction<Database>;

export interface CheckFailure {
  readonly kind: TrendCheckKind;
  readonly low: number | null;
  readonly high: number | null;
  readonly message: string;
}

/** Needs this many past values before a σ check says anything. */
export const MIN_HISTORY = 3;

/** Pure: the checks a value fails, given the past good values (most recent first). */
export function checkPoint(value: number, checks: TrendCheck, history: readonly number[]): CheckFailure[] {
  const out: CheckFailure[] = [];
  const range = checks.expectedRange;
  if (range && ((range.min !== undefined && value < range.min) || (range.max !== undefined && value > range.max))) {
    out.push({ kind: "expectedRange", low: range.min ?? null, high: range.max ?? null, message: `${fmt(value)} outside the expected range [${range.min ?? "−∞"}, ${range.max ?? "+∞"}]` });
  }
  const sigma = checks.withinSigma;
  if (sigma) {
    const past = history.slice(0, sigma.lastGoodRuns);
    if (past.length >= MIN_HISTORY) {
      const mean = past.reduce((a, b) => a + b, 0) / past.length;
      const sd = Math.sqrt(past.reduce((a, b) => a + (b - mean) ** 2, 0) / (past.length - 1));
      if (sd > 0 && Math.abs(value - mean) > sigma.k * sd) {
        out.push({
          kind: "withinSigma",
          low: mean - sigma.k * sd,
          high: mean + sigma.k * sd,
          message: `${fmt(value)} is ${fmt(Math.abs(value - mean) / sd)} σ from the mean ${fmt(mean)} of the last ${past.length} good runs (limit ${sigma.k} σ)`,
        });
      }
    }
  }
  return out;
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(4);
}

/** Re-evaluates the checks of every point of a dataset, replacing its alarms; returns how many fired. */
export async function evaluateTrendChecks(db: DbOrTrx, datasetId: number): Promise<number> {
  const points = await db
    .selectFrom("metric_point as p")
    .innerJoin("metric_definition as m", "m.id", "p.metric_id")
    .innerJoin("dataset as d", "d.id", "p.dataset_id")
    .select(["p.metric_id", "p.value", "p.time", "p.run_number", "m.checks", "d.primary_dataset", "d.processing_string"])
    .where("p.dataset_id", "=", datasetId)
    .where("m.checks", "is not", null)
    .execute();
  await db.deleteFrom("trend_alarm").where("dataset_id", "=", datasetId).execute();
  const alarms: { metric_id: number; dataset_id: number; run_number: number; check_kind: TrendCheckKind; value: number; expected_low: number | null; expected_high: number | null; message: string }[] = [];
  for (const p of points) {
    const checks = p.checks as TrendCheck;
    let history: number[] = [];
    if (checks.withinSigma) {
      const rows = await sql<{ value: number }>`
        select mp.value from metric_point mp
        join dataset d on d.id = mp.dataset_id
        join run r on r.run_number = mp.run_number
        where mp.metric_id = ${p.metric_id} and mp.time < ${p.time}
          and d.primary_dataset = ${p.primary_dataset} and d.processing_string = ${p.processing_string}
          and r.significant
          and not exists (select 1 from trend_alarm a where a.metric_id = mp.metric_id and a.dataset_id = mp.dataset_id)
        order by mp.time desc limit ${checks.withinSigma.lastGoodRuns}`.execute(db);
      history = rows.rows.map((r) => r.value);
    }
    for (const f of checkPoint(p.value, checks, history)) {
      alarms.push({ metric_id: p.metric_id, dataset_id: datasetId, run_number: p.run_number, check_kind: f.kind, value: p.value, expected_low: f.low, expected_high: f.high, message: f.message });
    }
  }
  if (alarms.length) await db.insertInto("trend_alarm").values(alarms).execute();
  return alarms.length;
}
