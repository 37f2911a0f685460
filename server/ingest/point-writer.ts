/**
 * The bulk writer of metric points. Rows go in as columns (typed arrays) and reach the
 * hypertable through one binary `COPY … FROM STDIN` streamed on the caller's transaction's own
 * connection (./copy-in.ts), so the points commit or roll back with the ingest's bookkeeping:
 * a process killed mid-COPY leaves nothing, and its retry writes the batch again from scratch.
 * Idempotency: the caller names the datasets it is writing; their previous points are deleted
 * first in the same transaction, so a re-ingest replaces (metrics that disappeared from the
 * config go too), never duplicates.
 *
 * The COPY goes straight into metric_point after the delete rather than through a staging
 * table: in the same transaction both are all or nothing, and the staging table's second
 * write made a batch 19 % slower at 50,000 points and 49 % slower at one file's 500
 * (`bench ingest --alternatives`; BENCHMARKS.md, "HDQM ingest writer").
 */
import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../db/database";
import { copyIn } from "./copy-in";
import { encodePoints } from "./point-copy-encoding";

type DbOrTrx = Kysely<Database> | Transaction<Database>;

/** Columnar metric points; `time` is the run start in epoch milliseconds. */
export interface PointColumns {
  readonly time: Float64Array;
  readonly runNumber: Int32Array;
  readonly datasetId: Int32Array;
  readonly metricId: Int32Array;
  readonly value: Float64Array;
  readonly error: Float64Array;
}

export function allocatePoints(n: number): PointColumns {
  return {
    time: new Float64Array(n),
    runNumber: new Int32Array(n),
    datasetId: new Int32Array(n),
    metricId: new Int32Array(n),
    value: new Float64Array(n),
    error: new Float64Array(n),
  };
}

export function pointCount(p: PointColumns): number {
  return p.time.length;
}

/** Tuples per buffer written to the COPY stream (62 bytes each): large enough to amortise a write, small enough to stream. */
const COPY_CHUNK_ROWS = 10_000;

export class PointWriteError extends Error {
  override readonly name = "PointWriteError";
}

function check(points: PointColumns): void {
  const n = points.time.length;
  for (const [k, col] of Object.entries(points) as [string, Float64Array | Int32Array][]) {
    if (col.length !== n) throw new PointWriteError(`point column ${k} has ${col.length} rows, time has ${n}`);
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(points.time[i]!)) {
      throw new PointWriteError(`point ${i} (metric id ${points.metricId[i]}, run ${points.runNumber[i]}) has a non-finite time`);
    }
    if (!Number.isFinite(points.value[i]!) || !Number.isFinite(points.error[i]!)) {
      throw new PointWriteError(`point ${i} (metric id ${points.metricId[i]}, run ${points.runNumber[i]}) has a non-finite value or error`);
    }
  }
}

/** Deletes every point of the given datasets (a re-ingest's first step). */
export async function deleteDatasetPoints(db: DbOrTrx, datasetIds: readonly number[]): Promise<void> {
  if (datasetIds.length === 0) return;
  await sql`delete from metric_point where dataset_id = any(${`{${datasetIds.join(",")}}`}::int[])`.execute(db);
}

/** Streams checked points into metric_point on the transaction's connection. */
async function copyPoints(trx: DbOrTrx, points: PointColumns): Promise<number> {
  const n = points.time.length;
  if (n === 0) return 0;
  const copied = await copyIn(trx, "copy metric_point (time, run_number, dataset_id, metric_id, value, error) from stdin (format binary)", encodePoints(points, COPY_CHUNK_ROWS));
  if (copied !== n) throw new PointWriteError(`the database loaded ${copied} points of ${n}`);
  return n;
}

/** Inserts points (no replacement) in the caller's transaction, or in one of its own. */
export async function insertPoints(db: DbOrTrx, points: PointColumns): Promise<number> {
  check(points);
  return db.isTransaction ? copyPoints(db, points) : db.transaction().execute((trx) => copyPoints(trx, points));
}

/**
 * Replaces the points of `datasetIds` by `points` in one transaction (or in the caller's, when
 * given one). Returns the number of rows written.
 */
export async function replacePoints(db: DbOrTrx, datasetIds: readonly number[], points: PointColumns): Promise<number> {
  check(points);
  const write = async (trx: DbOrTrx): Promise<number> => {
    await deleteDatasetPoints(trx, datasetIds);
    return copyPoints(trx, points);
  };
  return db.isTransaction ? write(db) : db.transaction().execute(write);
}

/**
 * Replaces one subsystem's share of a dataset's points (a per-subsystem online file); the other
 * subsystems' points of the same dataset stay. Run inside the caller's transaction.
 */
export async function replaceScopedPoints(db: DbOrTrx, datasetId: number, subsystem: string, points: PointColumns): Promise<number> {
  check(points);
  const written = `{${[...new Set(points.metricId)].join(",")}}`;
  await sql`delete from metric_point where dataset_id = ${datasetId}
    and (metric_id = any(${written}::int[]) or metric_id in (select id from metric_definition where subsystem = ${subsystem}))`.execute(db);
  return copyPoints(db, points);
}
