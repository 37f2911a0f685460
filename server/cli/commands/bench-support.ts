/**
 * A scratch copy of the HDQM tables for the benchmarks: schema `dqmflow_bench` holds hypertables
 * and tables created LIKE the real ones (same columns, indexes, chunk interval), and connections
 * whose search_path puts it first, so the real code runs unchanged against it.
 */
import { sql } from "kysely";
import { createDb, type Db } from "../../../db/pool";
import { allocatePoints, replacePoints } from "../../ingest/point-writer";

export const BENCH_SCHEMA = "dqmflow_bench";

/** A connection URL whose search_path puts `schema` first. */
export function benchUrl(databaseUrl: string, schema = BENCH_SCHEMA): string {
  const u = new URL(databaseUrl);
  u.searchParams.set("options", `-c search_path=${schema},public`);
  return u.toString();
}

/** (Re)creates the scratch schema: run, dataset, metric_definition and the metric_point hypertable, LIKE the real ones. */
export async function createBenchSchema(databaseUrl: string, schema = BENCH_SCHEMA): Promise<Db> {
  await dropBenchSchema(databaseUrl, schema);
  const admin = createDb(databaseUrl, 1);
  try {
    await sql`create schema ${sql.raw(schema)}`.execute(admin);
    for (const t of ["run", "dataset", "metric_definition", "metric_point"]) {
      await sql`create table ${sql.raw(`${schema}.${t}`)} (like public.${sql.raw(t)} including defaults including constraints including generated including indexes)`.execute(admin);
    }
    await sql`select create_hypertable(${`${schema}.metric_point`}, by_range('time', interval '30 days'), create_default_indexes => false)`.execute(admin);
  } finally {
    await admin.destroy();
  }
  return createDb(benchUrl(databaseUrl, schema), 4);
}

export async function dropBenchSchema(databaseUrl: string, schema = BENCH_SCHEMA): Promise<void> {
  const admin = createDb(databaseUrl, 1);
  try {
    await sql`drop schema if exists ${sql.raw(schema)} cascade`.execute(admin);
  } finally {
    await admin.destroy();
  }
}

/** What the trend benchmarks seed: runs 300000 + r of one dataset each, and every metric's point per run. */
export interface BenchSeries {
  readonly runs: number;
  readonly subsystem: string;
  readonly primaryDataset: string;
  readonly processingString: string;
  /** Metric ids are 1, 2, … in this order. */
  readonly metrics: readonly { readonly name: string; readonly plotTitle: string; readonly yTitle: string }[];
  readonly significant: (r: number) => boolean;
  /** Value and error of metric index m on run index r. */
  readonly point: (r: number, m: number) => readonly [number, number];
}

const T0 = Date.parse("2017-05-20T00:00:00Z");

/** Collision runs 50 minutes apart, three per fill, with their datasets, metric definitions and points (written 100 runs at a time). */
export async function seedBenchSeries(db: Db, s: BenchSeries): Promise<void> {
  const runRows = Array.from({ length: s.runs }, (_, r) => ({ run_number: 300000 + r, start_time: new Date(T0 + r * 3000e3), end_time: new Date(T0 + r * 3000e3 + 2400e3), run_class: "Collisions" as const, fill_number: 6000 + Math.floor(r / 3), delivered_lumi: 20, recorded_lumi: 19, ls_count: 100, significant: s.significant(r) }));
  for (let i = 0; i < s.runs; i += 1000) {
    const chunk = runRows.slice(i, i + 1000);
    await db.insertInto("run").values(chunk).execute();
    await db
      .insertInto("dataset")
      .values(chunk.map((r) => ({ id: r.run_number - 299999, run_number: r.run_number, name: `/${s.primaryDataset}/Run2017X-${s.processingString}/DQMIO`, primary_dataset: s.primaryDataset, processing_string: s.processingString, stage: "reprocessing" as const })))
      .execute();
  }
  await db
    .insertInto("metric_definition")
    .values(s.metrics.map((m, i) => ({ id: i + 1, subsystem: s.subsystem, name: m.name, plot_title: m.plotTitle, y_title: m.yTitle, me_paths: [`${s.subsystem}/h`], function: "mean", params: "{}", checks: null, config_file: "bench" })))
    .execute();
  const nm = s.metrics.length;
  for (let r = 0; r < s.runs; r += 100) {
    const to = Math.min(s.runs, r + 100);
    const p = allocatePoints((to - r) * nm);
    let i = 0;
    for (let k = r; k < to; k++) {
      for (let m = 0; m < nm; m++, i++) {
        const [value, error] = s.point(k, m);
        [p.time[i], p.runNumber[i], p.datasetId[i], p.metricId[i], p.value[i], p.error[i]] = [T0 + k * 3000e3, 300000 + k, k + 1, m + 1, value, error];
      }
    }
    await replacePoints(db, Array.from({ length: to - r }, (_, k) => r + k + 1), p);
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
