/**
 * `dqmflow bench ingest [--json] [--runs N] [--metrics M]`: N × M metric points (default
 * 5,000 × 500 = 2.5 M) written end to end through the ingest writer (batches of runs, delete of
 * the batch's datasets then UNNEST inserts, one transaction per batch), and the same rows loaded
 * by one plain COPY, into the same scratch hypertable (same indexes and chunk interval as
 * metric_point), in the same run. Reports rows/s and the ratio.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { config } from "../../config/config";
import { allocatePoints, replacePoints, type PointColumns } from "../../ingest/point-writer";
import type { CliCommand } from "../main";
import { benchUrl, createBenchSchema, dropBenchSchema } from "./bench-support";

const RUNS_PER_BATCH = 100;
const T0 = Date.parse("2017-05-20T00:00:00Z");
/** Run r starts ~50 min after run r − 1: 5,000 runs span a season (~6 months, ~6 chunks). */
const startOf = (r: number): number => T0 + r * 3000e3;

/** The points of runs [from, to) as the compute step would produce them. */
function batch(from: number, to: number, metrics: number): PointColumns {
  const p = allocatePoints((to - from) * metrics);
  let i = 0;
  for (let r = from; r < to; r++) {
    for (let m = 0; m < metrics; m++, i++) {
      p.time[i] = startOf(r);
      p.runNumber[i] = 300000 + r;
      p.datasetId[i] = 1 + r;
      p.metricId[i] = 1 + m;
      p.value[i] = 20000 + 1000 * Math.sin(r * 0.01 + m) + ((r * 7919 + m * 104729) % 1000) / 10;
      p.error[i] = 10 + (m % 7);
    }
  }
  return p;
}

export const benchIngestCommand: CliCommand = {
  summary: "ingest writer vs plain COPY",
  async run(args) {
    const { values } = parseArgs({ args, options: { json: { type: "boolean", default: false }, runs: { type: "string", default: "5000" }, metrics: { type: "string", default: "500" } } });
    const runs = Number(values.runs);
    const metrics = Number(values.metrics);
    const rows = runs * metrics;
    const url = config().DATABASE_URL;
    const db = await createBenchSchema(url);
    try {
      const t0 = performance.now();
      for (let r = 0; r < runs; r += RUNS_PER_BATCH) {
        const to = Math.min(runs, r + RUNS_PER_BATCH);
        await replacePoints(db, Array.from({ length: to - r }, (_, k) => 1 + r + k), batch(r, to, metrics));
      }
      const writerS = (performance.now() - t0) / 1000;
      const written = await sql<{ n: number }>`select count(*)::int as n from metric_point`.execute(db);
      if (written.rows[0]?.n !== rows) throw new Error(`writer stored ${written.rows[0]?.n} rows, expected ${rows}`);
      await sql`truncate metric_point`.execute(db);

      const client = new pg.Client({ connectionString: benchUrl(url) });
      await client.connect();
      let copyS: number;
      try {
        const t1 = performance.now();
        const text = Readable.from(
          (function* () {
            for (let r = 0; r < runs; r += RUNS_PER_BATCH) {
              const p = batch(r, Math.min(runs, r + RUNS_PER_BATCH), metrics);
              const lines: string[] = [];
              for (let i = 0; i < p.time.length; i++) lines.push(`${new Date(p.time[i]!).toISOString()}\t${p.runNumber[i]}\t${p.datasetId[i]}\t${p.metricId[i]}\t${p.value[i]}\t${p.error[i]}\n`);
              yield lines.join("");
            }
          })(),
        );
        await pipeline(text, client.query(copyFrom("copy metric_point (time, run_number, dataset_id, metric_id, value, error) from stdin")));
        copyS = (performance.now() - t1) / 1000;
      } finally {
        await client.end();
      }
      const result = { rows, runs, metrics, writer: { seconds: writerS, rowsPerSecond: rows / writerS }, copy: { seconds: copyS, rowsPerSecond: rows / copyS }, ratio: copyS / writerS };
      if (values.json) console.log(JSON.stringify(result));
      else {
        const f = (x: number): string => Math.round(x).toLocaleString("en-US");
        console.log(`bench ingest: ${rows.toLocaleString("en-US")} points (${runs} runs × ${metrics} metrics) into a metric_point hypertable`);
        console.log(`  writer (UNNEST, replace)  ${writerS.toFixed(2).padStart(7)} s  ${f(result.writer.rowsPerSecond).padStart(9)} rows/s`);
        console.log(`  plain COPY                ${copyS.toFixed(2).padStart(7)} s  ${f(result.copy.rowsPerSecond).padStart(9)} rows/s`);
        console.log(`  writer / COPY             ${result.ratio.toFixed(2).padStart(7)}×`);
      }
      return 0;
    } finally {
      await db.destroy();
      await dropBenchSchema(url);
    }
  },
};
