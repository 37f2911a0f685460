/**
 * The writing process of point-writer-crash.int.test.ts, a process of its own so the test can
 * SIGKILL it in the middle of the COPY. It writes one batch the way an ingest does: one
 * transaction that replaces the batch's datasets' points (server/ingest/point-writer.ts) and
 * then records the batch in ingest_file. It prints `backend <pid>` before the points go out and
 * `committed <points>` after the commit.
 *
 * Usage: node --import tsx server/ingest/point-writer-crash-child.ts <first dataset id> <datasets> <metrics> <version> <bookkeeping path>
 * Dataset k (0-based) is run `first + k`, started k × 10 days after 2017-05-01 (the batch spans
 * several chunks); version 1 has a tenth more metrics than version 2, so version 2 must remove
 * points as well as replace them.
 */
import { sql } from "kysely";
import { createDb } from "../../db/pool";
import { allocatePoints, type PointColumns, replacePoints } from "./point-writer";

const T0 = Date.parse("2017-05-01T00:00:00Z");
const DAY_MS = 86_400e3;

function batchPoints(first: number, datasets: number, metrics: number, version: number): PointColumns {
  const perDataset = version === 1 ? metrics + Math.ceil(metrics / 10) : metrics;
  const p = allocatePoints(datasets * perDataset);
  let i = 0;
  for (let k = 0; k < datasets; k++) {
    for (let m = 1; m <= perDataset; m++, i++) {
      p.time[i] = T0 + k * 10 * DAY_MS;
      p.runNumber[i] = first + k;
      p.datasetId[i] = first + k;
      p.metricId[i] = m;
      p.value[i] = version * 1000 + Math.sin(k * 0.37 + m * 0.011) * 100;
      p.error[i] = (m % 13) / (version + 2);
    }
  }
  return p;
}

function intArg(i: number, name: string): number {
  const v = Number(process.argv[i]);
  if (!Number.isInteger(v) || v <= 0) throw new Error(`argument ${i - 1} (${name}) must be a positive integer, got '${process.argv[i] ?? ""}'`);
  return v;
}

async function main(): Promise<void> {
  const [first, datasets, metrics, version] = [intArg(2, "first dataset id"), intArg(3, "datasets"), intArg(4, "metrics"), intArg(5, "version")];
  const path = process.argv[6];
  const url = process.env.DATABASE_URL;
  if (!path) throw new Error("argument 5 (bookkeeping path) is missing");
  if (!url) throw new Error("DATABASE_URL is not set");
  const points = batchPoints(first, datasets, metrics, version);
  const db = createDb(url, 1);
  try {
    const written = await db.transaction().execute(async (trx) => {
      const backend = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
      process.stdout.write(`backend ${backend.rows[0]!.pid}\n`);
      const n = await replacePoints(trx, Array.from({ length: datasets }, (_, k) => first + k), points);
      await trx.insertInto("ingest_file").values({ path, kind: "generated", run_number: null, dataset_name: null, version, checksum: "", size_bytes: 0, outcome: "ingested", points: n }).execute();
      return n;
    });
    process.stdout.write(`committed ${written}\n`);
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
