/**
 * The point writer on the real hypertable: its COPY runs inside the caller's transaction, a
 * replace removes what the new points no longer hold, values come back bit for bit, and a COPY
 * the server refuses rolls back and leaves a usable connection.
 */
import { sql } from "kysely";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { AppServices } from "../app-services";
import { testServices } from "../testing/integration";
import { copyIn, CopyInError } from "./copy-in";
import { allocatePoints, insertPoints, type PointColumns, PointWriteError, replacePoints, replaceScopedPoints } from "./point-writer";
import { forgetRuns } from "./test-support";

/** Datasets (one run each) of this test's own. */
const D1 = 2_100_100_001;
const D2 = D1 + 1;
const T = Date.parse("2017-08-01T10:00:00Z");

const services: AppServices = testServices();
const db = services.db;
afterAll(async () => {
  await forgetRuns(db, [D1, D2]);
  await services.close();
});
beforeEach(() => forgetRuns(db, [D1, D2]));

/** Points of `dataset` (its run has the same number) for metrics → values; errors are value / 10. */
function pointsOf(dataset: number, values: Record<number, number>): PointColumns {
  const entries = Object.entries(values);
  const p = allocatePoints(entries.length);
  entries.forEach(([m, v], i) => {
    [p.time[i], p.runNumber[i], p.datasetId[i], p.metricId[i], p.value[i], p.error[i]] = [T, dataset, dataset, Number(m), v, v / 10];
  });
  return p;
}

async function stored(dataset: number) {
  const rows = await db.selectFrom("metric_point").select(["metric_id", "value", "error", "time", "run_number"]).where("dataset_id", "=", dataset).orderBy("metric_id").execute();
  return rows.map((r) => ({ ...r, time: r.time.getTime() }));
}

describe("the point writer", () => {
  it("replaces a dataset's points: changed values, new metrics in, vanished metrics out, other datasets untouched, values exact", async () => {
    await replacePoints(db, [D1, D2], concat(pointsOf(D1, { 1: 1, 2: 2, 3: 3 }), pointsOf(D2, { 1: 7 })));
    const exact = { 1: 0.1 + 0.2, 4: -Math.PI / 3e299, 5: 20000.000000000004 };
    expect(await replacePoints(db, [D1], pointsOf(D1, exact))).toBe(3);
    expect(await stored(D1)).toEqual(Object.entries(exact).map(([m, v]) => ({ metric_id: Number(m), value: v, error: v / 10, time: T, run_number: D1 })));
    expect((await stored(D2)).map((r) => r.value)).toEqual([7]);
  });

  it("writes inside the caller's transaction: its later statements see the points, and its rollback takes them away with everything else", async () => {
    await replacePoints(db, [D1], pointsOf(D1, { 1: 1 }));
    const failure = new Error("the ingest failed after the points");
    await expect(
      db.transaction().execute(async (trx) => {
        await replacePoints(trx, [D1], pointsOf(D1, { 2: 2, 3: 3 }));
        const seen = await trx.selectFrom("metric_point").select("metric_id").where("dataset_id", "=", D1).orderBy("metric_id").execute();
        expect(seen.map((r) => r.metric_id)).toEqual([2, 3]);
        await insertPoints(trx, pointsOf(D2, { 9: 9 }));
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect((await stored(D1)).map((r) => r.metric_id)).toEqual([1]);
    expect(await stored(D2)).toEqual([]);
  });

  it("replaces one subsystem's share of a dataset and keeps the rest", async () => {
    const ids = await db
      .insertInto("metric_definition")
      .values(["a", "b"].map((name) => ({ subsystem: "PointWriterTest", name, plot_title: name, y_title: "y", me_paths: ["x"], function: "mean", params: "{}", config_file: "test" })))
      .onConflict((oc) => oc.columns(["subsystem", "name"]).doUpdateSet({ config_file: "test" }))
      .returning("id")
      .execute();
    const [a, b] = ids.map((r) => r.id) as [number, number];
    await replacePoints(db, [D1], pointsOf(D1, { [a]: 1, [b]: 2, 1: 3 }));
    await db.transaction().execute((trx) => replaceScopedPoints(trx, D1, "PointWriterTest", pointsOf(D1, { [a]: 10 })));
    expect((await stored(D1)).map((r) => [r.metric_id, r.value])).toEqual([[1, 3], [a, 10]].sort((x, y) => x[0]! - y[0]!));
  });

  it("gives the server's refusal of a COPY (a duplicate point), rolls back, and leaves the pooled connection usable", async () => {
    await replacePoints(db, [D1], pointsOf(D1, { 1: 1 }));
    const dup = concat(pointsOf(D1, { 2: 2 }), pointsOf(D1, { 2: 3 }));
    await expect(replacePoints(db, [D1], dup)).rejects.toThrow(/metric_point_key|duplicate key/);
    expect((await stored(D1)).map((r) => r.metric_id)).toEqual([1]);
    // Every connection of the pool answers a plain query afterwards.
    const answers = await Promise.all(Array.from({ length: 12 }, () => sql<{ one: number }>`select 1 as one`.execute(db)));
    expect(answers.every((a) => a.rows[0]!.one === 1)).toBe(true);
  });

  it("refuses non-finite numbers before writing anything, naming the point", async () => {
    await replacePoints(db, [D1], pointsOf(D1, { 1: 1 }));
    await expect(replacePoints(db, [D1], pointsOf(D1, { 1: 2, 2: Number.NaN }))).rejects.toThrow(new PointWriteError(`point 1 (metric id 2, run ${D1}) has a non-finite value or error`));
    const p = pointsOf(D1, { 1: 2 });
    p.time[0] = Number.POSITIVE_INFINITY;
    await expect(insertPoints(db, p)).rejects.toThrow(/non-finite time/);
    expect((await stored(D1)).map((r) => r.value)).toEqual([1]);
  });

  it("writes no points as nothing, and refuses COPY outside a transaction or a statement that is not COPY FROM STDIN", async () => {
    expect(await replacePoints(db, [D1], allocatePoints(0))).toBe(0);
    await expect(copyIn(db, "copy metric_point from stdin (format binary)", [])).rejects.toThrow(new CopyInError("copyIn runs inside a transaction: begin one and pass it"));
    await expect(db.transaction().execute((trx) => copyIn(trx, "delete from metric_point", []))).rejects.toBeInstanceOf(CopyInError);
    await expect(db.transaction().execute((trx) => copyIn(trx, "copy metric_point to stdout", []))).rejects.toBeInstanceOf(CopyInError);
  });
});

function concat(a: PointColumns, b: PointColumns): PointColumns {
  const n = a.time.length;
  const p = allocatePoints(n + b.time.length);
  for (const k of Object.keys(p) as (keyof PointColumns)[]) {
    p[k].set(a[k]);
    p[k].set(b[k], n);
  }
  return p;
}
