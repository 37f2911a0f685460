/**
 * `dqmflow bench ingest [--json] [--runs N] [--metrics M] [--runs-per-batch B] [--alternatives]`:
 * N × M metric points (default 5,000 × 500 = 2.5 M) written end to end through the ingest
 * writer (one transaction per B runs, default 100: delete of the batch's datasets' points, then
 * the binary COPY on the transaction's connection), and the same rows loaded by one plain COPY,
 * in text (the reference the goal is set against, as since issue 5) and in binary (the writer's
 * own encoding, so the ratio shows the writer's cost apart from the encoding's), into the same
 * scratch hypertable (same indexes and chunk interval as metric_point), in the same run. Each
 * path must store the same rows (count and checksum). `--alternatives` also measures the
 * designs not taken: COPY into a temporary staging table, then delete + `INSERT … SELECT`, or
 * `INSERT … ON CONFLICT DO UPDATE` + delete of the vanished points.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Db } from "../../../db/pool";
import { config } from "../../config/config";
import { copyIn } from "../../ingest/copy-in";
import { copyHeader, copyTrailer, encodePointTuples, encodePoints } from "../../ingest/point-copy-encoding";
import { allocatePoints, replacePoints, type PointColumns } from "../../ingest/point-writer";
import type { CliCommand } from "../main";
import { benchUrl, createBenchSchema, dropBenchSchema } from "./bench-support";

const T0 = Date.parse("2017-05-20T00:00:00Z");
/** Run r starts ~50 min after run r − 1: 5,000 runs span a season (~6 months, ~6 chunks). */
const startOf = (r: number): number => T0 + r * 3000e3;
const COLUMNS = "(time, run_number, dataset_id, metric_id, value, error)";

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

type Replace = (db: Db, datasetIds: readonly number[], points: PointColumns) => Promise<unknown>;

/** A design not taken: COPY into a temporary table, then replace from it (delete + insert, or upsert + delete). */
function stagingReplace(upsert: boolean): Replace {
  return (db, datasetIds, points) =>
    db.transaction().execute(async (trx) => {
      const ids = `{${datasetIds.join(",")}}`;
      await sql`create temporary table point_staging (time timestamptz, run_number int, dataset_id int, metric_id int, value float8, error float8) on commit drop`.execute(trx);
      await copyIn(trx, `copy pg_temp.point_staging ${COLUMNS} from stdin (format binary)`, encodePoints(points, 10_000));
      if (upsert) {
        await sql`insert into metric_point ${sql.raw(COLUMNS)} select * from pg_temp.point_staging
          on conflict (metric_id, dataset_id, run_number, time) do update set value = excluded.value, error = excluded.error`.execute(trx);
        await sql`delete from metric_point p where dataset_id = any(${ids}::int[]) and not exists (select from pg_temp.point_staging s
          where (s.metric_id, s.dataset_id, s.run_number, s.time) = (p.metric_id, p.dataset_id, p.run_number, p.time))`.execute(trx);
      } else {
        await sql`delete from metric_point where dataset_id = any(${ids}::int[])`.execute(trx);
        await sql`insert into metric_point ${sql.raw(COLUMNS)} select * from pg_temp.point_staging`.execute(trx);
      }
      await sql`drop table pg_temp.point_staging`.execute(trx);
    });
}

interface Fingerprint {
  readonly n: number;
  readonly checksum: string;
}

async function fingerprint(db: Db): Promise<Fingerprint> {
  const r = await sql<Fingerprint>`select count(*)::int as n,
    coalesce(sum(hashtextextended(concat_ws('|', metric_id, dataset_id, run_number, time, value, error), 0)::numeric), 0)::text as checksum from metric_point`.execute(db);
  return r.rows[0]!;
}

export const benchIngestCommand: CliCommand = {
  summary: "ingest writer vs plain COPY",
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        json: { type: "boolean", default: false },
        runs: { type: "string", default: "5000" },
        metrics: { type: "string", default: "500" },
        "runs-per-batch": { type: "string", default: "100" },
        alternatives: { type: "boolean", default: false },
      },
    });
    const [runs, metrics, perBatch] = [Number(values.runs), Number(values.metrics), Number(values["runs-per-batch"])];
    for (const [name, v] of [["--runs", runs], ["--metrics", metrics], ["--runs-per-batch", perBatch]] as const) {
      if (!Number.isInteger(v) || v <= 0) throw new Error(`bench ingest: ${name} must be a positive integer`);
    }
    const rows = runs * metrics;
    const url = config().DATABASE_URL;
    const db = await createBenchSchema(url);
    const batches = function* (): Generator<PointColumns> {
      for (let r = 0; r < runs; r += perBatch) yield batch(r, Math.min(runs, r + perBatch), metrics);
    };
    let expected: Fingerprint | undefined;
    /** Times one path into the empty hypertable and checks it stored what the others did. */
    const measure = async (name: string, load: () => Promise<void>): Promise<number> => {
      await sql`truncate metric_point`.execute(db);
      const t0 = performance.now();
      await load();
      const seconds = (performance.now() - t0) / 1000;
      const got = await fingerprint(db);
      if (got.n !== rows) throw new Error(`${name} stored ${got.n} rows, expected ${rows}`);
      if (expected && got.checksum !== expected.checksum) throw new Error(`${name} stored other rows than the writer (checksum ${got.checksum}, not ${expected.checksum})`);
      expected = got;
      return seconds;
    };
    const throughWriter = (replace: Replace) => async () => {
      let r = 0;
      for (const p of batches()) {
        const n = p.time.length / metrics;
        await replace(db, Array.from({ length: n }, (_, k) => 1 + r + k), p);
        r += n;
      }
    };
    const plainCopy = (binary: boolean) => async () => {
      const client = new pg.Client({ connectionString: benchUrl(url) });
      await client.connect();
      try {
        const stream = binary
          ? (function* () {
              yield copyHeader();
              for (const p of batches()) yield encodePointTuples(p, 0, p.time.length);
              yield copyTrailer();
            })()
          : (function* () {
              for (const p of batches()) {
                const lines: string[] = [];
                for (let i = 0; i < p.time.length; i++) lines.push(`${new Date(p.time[i]!).toISOString()}\t${p.runNumber[i]}\t${p.datasetId[i]}\t${p.metricId[i]}\t${p.value[i]}\t${p.error[i]}\n`);
                yield lines.join("");
              }
            })();
        await pipeline(Readable.from(stream), client.query(copyFrom(`copy metric_point ${COLUMNS} from stdin${binary ? " (format binary)" : ""}`)));
      } finally {
        await client.end();
      }
    };
    try {
      const writerS = await measure("the writer", throughWriter(replacePoints));
      const copyS = await measure("plain COPY (text)", plainCopy(false));
      const binaryS = await measure("plain COPY (binary)", plainCopy(true));
      const stagingS = values.alternatives ? await measure("staging + insert", throughWriter(stagingReplace(false))) : undefined;
      const upsertS = values.alternatives ? await measure("staging + upsert", throughWriter(stagingReplace(true))) : undefined;
      const rate = (s: number) => ({ seconds: s, rowsPerSecond: rows / s });
      const result = {
        rows,
        runs,
        metrics,
        runsPerBatch: perBatch,
        writer: rate(writerS),
        copy: rate(copyS),
        copyBinary: rate(binaryS),
        ratio: copyS / writerS,
        ratioBinary: binaryS / writerS,
        ...(stagingS !== undefined && upsertS !== undefined ? { staging: { ...rate(stagingS), ratio: copyS / stagingS }, stagingUpsert: { ...rate(upsertS), ratio: copyS / upsertS } } : {}),
      };
      if (values.json) console.log(JSON.stringify(result));
      else {
        const f = (x: number): string => Math.round(x).toLocaleString("en-US");
        const line = (label: string, s: number) =>
          console.log(`  ${label.padEnd(44)} ${s.toFixed(2).padStart(7)} s  ${f(rows / s).padStart(9)} rows/s  ${(copyS / s).toFixed(2).padStart(5)}×`);
        console.log(`bench ingest: ${rows.toLocaleString("en-US")} points (${runs} runs × ${metrics} metrics, ${perBatch} runs a transaction) into a metric_point hypertable`);
        console.log(`  ${"path".padEnd(44)} ${"time".padStart(9)}  ${"rate".padStart(16)}  speed / plain COPY (text)`);
        line("writer (delete, binary COPY)", writerS);
        line("plain COPY, text (the reference)", copyS);
        line("plain COPY, binary", binaryS);
        if (stagingS !== undefined) line("staging: COPY, delete, insert … select", stagingS);
        if (upsertS !== undefined) line("staging: COPY, insert … on conflict, delete", upsertS);
        console.log(`  writer / COPY: ${result.ratio.toFixed(2)}× the text reference, ${result.ratioBinary.toFixed(2)}× plain binary COPY`);
      }
      return 0;
    } finally {
      await db.destroy();
      await dropBenchSchema(url);
    }
  },
};
