/**
 * A scratch copy of the HDQM tables for the benchmarks: schema `dqmflow_bench` holds hypertables
 * and tables created LIKE the real ones (same columns, indexes, chunk interval), and connections
 * whose search_path puts it first, so the real code runs unchanged against it.
 */
import { sql } from "kysely";
import { createDb, type Db } from "../../../db/pool";

export const BENCH_SCHEMA = "dqmflow_bench";

export function benchUrl(databaseUrl: string): string {
  const u = new URL(databaseUrl);
  u.searchParams.set("options", `-c search_path=${BENCH_SCHEMA},public`);
  return u.toString();
}

/** (Re)creates the scratch schema; `tables` are copied from public with their indexes. */
export async function createBenchSchema(databaseUrl: string): Promise<Db> {
  const admin = createDb(databaseUrl, 1);
  try {
    await sql`drop schema if exists ${sql.raw(BENCH_SCHEMA)} cascade`.execute(admin);
    await sql`create schema ${sql.raw(BENCH_SCHEMA)}`.execute(admin);
    for (const t of ["run", "dataset", "metric_definition", "metric_point"]) {
      await sql`create table ${sql.raw(`${BENCH_SCHEMA}.${t}`)} (like public.${sql.raw(t)} including defaults including constraints including generated including indexes)`.execute(admin);
    }
    await sql`select create_hypertable(${`${BENCH_SCHEMA}.metric_point`}, by_range('time', interval '30 days'), create_default_indexes => false)`.execute(admin);
  } finally {
    await admin.destroy();
  }
  return createDb(benchUrl(databaseUrl), 4);
}

export async function dropBenchSchema(databaseUrl: string): Promise<void> {
  const admin = createDb(databaseUrl, 1);
  try {
    await sql`drop schema if exists ${sql.raw(BENCH_SCHEMA)} cascade`.execute(admin);
  } finally {
    await admin.destroy();
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
