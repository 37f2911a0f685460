/**
 * Trend-check alarms for the overview page and for certification (an automatic flag source),
 * and metrics gone stale: they had points in a primary dataset / processing string, but none in
 * its latest runs although those runs were ingested.
 */
import { sql } from "kysely";
import type { Db } from "../../db/pool";

export interface AlarmView {
  id: number;
  run: number;
  dataset: string;
  subsystem: string;
  metric: string;
  check: string;
  value: number;
  expectedLow: number | null;
  expectedHigh: number | null;
  message: string;
  createdAt: string;
}

/** Latest alarms first; `runs` restricts to those runs (certification asks per run). */
export async function listAlarms(db: Db, opts: { limit?: number; runs?: readonly number[]; subsystem?: string } = {}): Promise<AlarmView[]> {
  let q = db
    .selectFrom("trend_alarm as a")
    .innerJoin("metric_definition as m", "m.id", "a.metric_id")
    .innerJoin("dataset as d", "d.id", "a.dataset_id")
    .select(["a.id", "a.run_number", "d.name as dataset", "m.subsystem", "m.name as metric", "a.check_kind", "a.value", "a.expected_low", "a.expected_high", "a.message", "a.created_at"])
    .orderBy("a.run_number", "desc")
    .orderBy("a.id", "desc")
    .limit(opts.limit ?? 100);
  if (opts.runs) q = q.where("a.run_number", "in", opts.runs.length ? [...opts.runs] : [-1]);
  if (opts.subsystem) q = q.where("m.subsystem", "=", opts.subsystem);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    run: r.run_number,
    dataset: r.dataset,
    subsystem: r.subsystem,
    metric: r.metric,
    check: r.check_kind,
    value: r.value,
    expectedLow: r.expected_low,
    expectedHigh: r.expected_high,
    message: r.message,
    createdAt: r.created_at.toISOString(),
  }));
}

/** Alarms of one run as automatic flag sources: subsystem → messages (empty when all checks passed). */
export async function alarmsForRun(db: Db, run: number): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const a of await listAlarms(db, { runs: [run], limit: 10_000 })) (out[a.subsystem] ??= []).push(`${a.metric} (${a.dataset}): ${a.message}`);
  return out;
}

export interface StaleMetric {
  subsystem: string;
  metric: string;
  primaryDataset: string;
  processingString: string;
  lastRun: number;
  /** Runs of the same dataset keys ingested after lastRun. */
  runsSince: number;
}

/**
 * Metrics with points in the `window` runs before the latest `recent` runs of a (PD, processing
 * string) but none in those latest runs. Reads only the points of those datasets (by index).
 */
export async function staleMetrics(db: Db, opts: { recent?: number; window?: number } = {}): Promise<StaleMetric[]> {
  const recent = opts.recent ?? 5;
  const window = opts.window ?? 50;
  const { rows } = await sql<{ subsystem: string; name: string; primary_dataset: string; processing_string: string; last_run: number; runs_since: number }>`
    with ranked as (
      select d.id, d.run_number, d.primary_dataset, d.processing_string,
             row_number() over (partition by d.primary_dataset, d.processing_string order by d.run_number desc) as rk
      from dataset d where exists (select 1 from ingest_file f where f.run_number = d.run_number and f.dataset_name = d.name and f.outcome = 'ingested')
    ),
    recent_pts as (
      select distinct p.metric_id, k.primary_dataset, k.processing_string
      from ranked k join metric_point p on p.dataset_id = k.id where k.rk <= ${recent}
    ),
    earlier as (
      select p.metric_id, k.primary_dataset, k.processing_string, max(k.run_number) as last_run
      from ranked k join metric_point p on p.dataset_id = k.id where k.rk > ${recent} and k.rk <= ${recent + window}
      group by p.metric_id, k.primary_dataset, k.processing_string
    )
    select m.subsystem, m.name, e.primary_dataset, e.processing_string, e.last_run,
           (select count(*) from ranked k where k.primary_dataset = e.primary_dataset and k.processing_string = e.processing_string and k.run_number > e.last_run)::int as runs_since
    from earlier e join metric_definition m on m.id = e.metric_id
    where not exists (select 1 from recent_pts r where r.metric_id = e.metric_id and r.primary_dataset = e.primary_dataset and r.processing_string = e.processing_string)
    order by m.subsystem, m.name`.execute(db);
  return rows.map((r) => ({ subsystem: r.subsystem, metric: r.name, primaryDataset: r.primary_dataset, processingString: r.processing_string, lastRun: r.last_run, runsSince: r.runs_since }));
}
