/**
 * The UI benchmark's data: a scratch schema holding copies of the HDQM tables (created LIKE the
 * real ones, metric_point a hypertable) with one subsystem, one metric and N runs, and a
 * database URL whose search_path puts it first, so the app runs unchanged on it and never
 * sees — nor touches — the real runs. Dropped afterwards.
 */
import { sql } from "kysely";
import { createDb } from "../../../db/pool";
import { allocatePoints, replacePoints } from "../../../server/ingest/point-writer";

export const UI_BENCH_SCHEMA = "dqmflow_bench_ui";
export const BENCH_SUBSYSTEM = "BenchUI";
export const BENCH_METRIC = "bench_metric";
export const BENCH_PD = "ZeroBias";
export const BENCH_PS = "BenchUI-v1";

export function uiBenchUrl(databaseUrl: string): string {
  const u = new URL(databaseUrl);
  u.searchParams.set("options", `-c search_path=${UI_BENCH_SCHEMA},public`);
  return u.toString();
}

export async function dropUiBenchSchema(databaseUrl: string): Promise<void> {
  const admin = createDb(databaseUrl, 1);
  try {
    await sql`drop schema if exists ${sql.raw(UI_BENCH_SCHEMA)} cascade`.execute(admin);
  } finally {
    await admin.destroy();
  }
}

/** (Re)creates the scratch schema with `runs` significant collision runs, three per fill, and one metric point each. */
export async function seedUiBench(databaseUrl: string, runs: number): Promise<void> {
  await dropUiBenchSchema(databaseUrl);
  const admin = createDb(databaseUrl, 1);
  try {
    await sql`create schema ${sql.raw(UI_BENCH_SCHEMA)}`.execute(admin);
    for (const t of ["run", "dataset", "metric_definition", "metric_point"]) {
      await sql`create table ${sql.raw(`${UI_BENCH_SCHEMA}.${t}`)} (like public.${sql.raw(t)} including defaults including constraints including generated including indexes)`.execute(admin);
    }
    await sql`select create_hypertable(${`${UI_BENCH_SCHEMA}.metric_point`}, by_range('time', interval '30 days'), create_default_indexes => false)`.execute(admin);
  } finally {
    await admin.destroy();
  }
  const db = createDb(uiBenchUrl(databaseUrl), 2);
  try {
    const t0 = Date.parse("2017-05-20T00:00:00Z");
    const rows = Array.from({ length: runs }, (_, r) => ({
      run_number: 300000 + r,
      start_time: new Date(t0 + r * 3000e3),
      end_time: new Date(t0 + r * 3000e3 + 2400e3),
      run_class: "Collisions" as const,
      fill_number: 6000 + Math.floor(r / 3),
      delivered_lumi: 20,
      recorded_lumi: 19,
      ls_count: 100,
      significant: true,
    }));
    for (let i = 0; i < runs; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      await db.insertInto("run").values(chunk).execute();
      await db
        .insertInto("dataset")
        .values(chunk.map((r) => ({ id: r.run_number - 299999, run_number: r.run_number, name: `/${BENCH_PD}/Run2017X-${BENCH_PS}/DQMIO`, primary_dataset: BENCH_PD, processing_string: BENCH_PS, stage: "reprocessing" as const })))
        .execute();
    }
    await db
      .insertInto("metric_definition")
      .values({ id: 1, subsystem: BENCH_SUBSYSTEM, name: BENCH_METRIC, plot_title: "Benchmark metric", y_title: "value", me_paths: ["BenchUI/h"], function: "mean", params: "{}", checks: null, config_file: "bench" })
      .execute();
    const p = allocatePoints(runs);
    for (let k = 0; k < runs; k++) [p.time[k], p.runNumber[k], p.datasetId[k], p.metricId[k], p.value[k], p.error[k]] = [t0 + k * 3000e3, 300000 + k, k + 1, 1, 10 + Math.sin(k / 50) + 0.1 * Math.cos(k * 7.3), 0.05];
    await replacePoints(db, Array.from({ length: runs }, (_, k) => k + 1), p);
    await sql`analyze`.execute(db);
  } finally {
    await db.destroy();
  }
}
