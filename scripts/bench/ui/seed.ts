/**
 * The UI benchmark's data: a scratch schema of its own holding copies of the HDQM tables (see
 * bench-support.ts) with one subsystem, one metric and N significant runs; the app runs
 * unchanged on it through a search_path that puts the schema first. Dropped afterwards.
 */
import { sql } from "kysely";
import { benchUrl, createBenchSchema, dropBenchSchema, seedBenchSeries } from "../../../server/cli/commands/bench-support";
import { addScratchTrendRun } from "../../../server/cli/commands/bench-trend-run";

export const UI_BENCH_SCHEMA = "dqmflow_bench_ui";
export const BENCH_SUBSYSTEM = "BenchUI";
export const BENCH_METRIC = "bench_metric";
export const BENCH_PD = "ZeroBias";
export const BENCH_PS = "BenchUI-v1";

export function uiBenchUrl(databaseUrl: string): string {
  return benchUrl(databaseUrl, UI_BENCH_SCHEMA);
}

export function dropUiBenchSchema(databaseUrl: string): Promise<void> {
  return dropBenchSchema(databaseUrl, UI_BENCH_SCHEMA);
}

/** (Re)creates the scratch schema with `runs` significant collision runs, three per fill, and one metric point each. */
export async function seedUiBench(databaseUrl: string, runs: number): Promise<void> {
  const db = await createBenchSchema(databaseUrl, UI_BENCH_SCHEMA);
  try {
    // The page reads its runs from trend_run (migration 2026-12-01T1300): the scratch schema needs its own.
    await addScratchTrendRun(db, UI_BENCH_SCHEMA);
    await seedBenchSeries(db, {
      runs,
      subsystem: BENCH_SUBSYSTEM,
      primaryDataset: BENCH_PD,
      processingString: BENCH_PS,
      metrics: [{ name: BENCH_METRIC, plotTitle: "Benchmark metric", yTitle: "value" }],
      significant: () => true,
      point: (r) => [10 + Math.sin(r / 50) + 0.1 * Math.cos(r * 7.3), 0.05],
    });
    await sql`analyze`.execute(db);
  } finally {
    await db.destroy();
  }
}
