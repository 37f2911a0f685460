import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/pool";
import { config } from "../config/config";
import { scopeTrendNotifications } from "../ingest/trend-scope";
import { createTrendCache, scopeOf, type TrendCache } from "./trend-cache";

const db = createDb(config().DATABASE_URL, 2);
const appName = `trend-cache-test-${randomUUID().slice(0, 8)}`;
let cache: TrendCache;
// Runs of this test's own; the run table notifies on every statement (migration T1310).
const FIRST = 990_900;

async function until(what: string, ok: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const countTestRuns = async () => {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from run where run_number >= ${FIRST} and run_number < ${FIRST + 100}`.execute(db);
  return rows[0]!.n;
};

async function addRun(run: number) {
  await db.insertInto("run").values({ run_number: run, start_time: new Date("2017-07-01T00:00:00Z"), run_class: "Collisions", significant: true }).execute();
}

beforeAll(async () => {
  await db.deleteFrom("run").where("run_number", ">=", FIRST).where("run_number", "<", FIRST + 100).execute();
  cache = createTrendCache(config().DATABASE_URL, { retryMs: 50, applicationName: appName });
  await until("the cache to listen", () => cache.stats().listening);
});
afterAll(async () => {
  await cache.close();
  await db.deleteFrom("run").where("run_number", ">=", FIRST).where("run_number", "<", FIRST + 100).execute();
  await db.destroy();
});

describe("trend cache on the real database", () => {
  it("answers a repeated request from memory and shares one computation between concurrent ones", async () => {
    let computed = 0;
    const compute = async () => {
      computed++;
      await new Promise((r) => setTimeout(r, 30));
      return countTestRuns();
    };
    const key = { probe: randomUUID() };
    const answers = await Promise.all(Array.from({ length: 8 }, () => cache.get("probe", key, compute)));
    expect(new Set(answers).size).toBe(1);
    expect(computed).toBe(1);
    await cache.get("probe", key, compute);
    expect(computed).toBe(1);
    await cache.get("probe", { other: 1 }, compute);
    expect(computed).toBe(2);
    const shared = await cache.get("object", 1, () => Promise.resolve({ runs: [1, 2] }));
    expect(() => shared.runs.push(3)).toThrow(TypeError);
  });

  it("never answers from before a write that committed before the request (read-your-writes)", async () => {
    const key = { ryw: randomUUID() };
    for (let i = 0; i < 40; i++) {
      expect(await cache.get("ryw", key, countTestRuns)).toBe(i);
      await addRun(FIRST + i);
      // No waiting: the request right after the commit must see it.
      expect(await cache.get("ryw", key, countTestRuns)).toBe(i + 1);
    }
    expect(cache.stats().hits).toBeGreaterThan(0);
  });

  it("peeks at a kept answer without computing, and sees no answer from before a committed write", async () => {
    const key = { peek: randomUUID() };
    expect(await cache.peek("peek", key)).toBeUndefined();
    const n = await cache.get("peek", key, countTestRuns);
    expect(await cache.peek("peek", key)).toBe(n);
    await addRun(FIRST + 60);
    expect(await cache.peek("peek", key)).toBeUndefined();
    expect(await cache.get("peek", key, countTestRuns)).toBe(n + 1);
  });

  it("is emptied by writes to the metric-point hypertable, not only to plain tables", async () => {
    const before = cache.stats().generation;
    const point = { time: new Date("2017-07-01T00:00:00Z"), run_number: FIRST, dataset_id: -1, metric_id: -1, value: 1, error: 0 };
    await db.insertInto("metric_point").values(point).execute();
    await until("the insert's notification", () => cache.stats().generation > before);
    const mid = cache.stats().generation;
    await db.deleteFrom("metric_point").where("dataset_id", "=", -1).execute();
    await until("the delete's notification", () => cache.stats().generation > mid);
  });

  it("drops only the written series' answers when the writer names its scope, and still never answers from before the write", async () => {
    const tag = randomUUID().slice(0, 8);
    const A = { primaryDataset: "ZeroBias", processingString: `CacheScopeA-${tag}` };
    const B = { primaryDataset: "ZeroBias", processingString: `CacheScopeB-${tag}` };
    const computed = { A: 0, B: 0, tree: 0 };
    const datasets = (s: typeof A, k: keyof typeof computed) => async () => {
      computed[k]++;
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from dataset where primary_dataset = ${s.primaryDataset} and processing_string = ${s.processingString}`.execute(db);
      return rows[0]!.n;
    };
    const tree = async () => {
      computed.tree++;
      return countTestRuns();
    };
    const write = async (s: typeof A, run: number, scoped: boolean) =>
      db.transaction().execute(async (trx) => {
        if (scoped) await scopeTrendNotifications(trx, s.primaryDataset, s.processingString);
        await trx.insertInto("run").values({ run_number: run, start_time: new Date("2017-07-01T00:00:00Z"), run_class: "Collisions", significant: true }).execute();
        await trx.insertInto("dataset").values({ run_number: run, name: `/${s.primaryDataset}/X-${s.processingString}/DQMIO`, primary_dataset: s.primaryDataset, processing_string: s.processingString, stage: "reprocessing" }).execute();
        await trx.deleteFrom("metric_point").where("dataset_id", "=", -1).execute();
      });
    const keyA = { ...A, probe: tag };
    const keyB = { ...B, probe: tag };
    // The front cache's key of a batched call for B: its query string.
    const httpB = `batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { ...B, metrics: ["m"] } }))}`;
    expect(scopeOf("http trends.columns", httpB)).toBe(scopeOf("columns", keyB));
    expect(scopeOf("http trends.columns,trends.series", `batch=1&input=${encodeURIComponent(JSON.stringify({ 0: A, 1: B }))}`)).toBeNull();
    expect(scopeOf("tree", null)).toBeNull();

    for (let i = 0; i < 5; i++) {
      expect(await cache.get("columns", keyA, datasets(A, "A"))).toBe(i);
      expect(await cache.get("columns", keyB, datasets(B, "B"))).toBe(0);
      await cache.get("http trends.columns", httpB, () => Promise.resolve("B's bytes"));
      await cache.get("tree", null, tree);
      await write(A, FIRST + 70 + i, true);
      // No waiting: the request right after the commit sees it; B's answers stay, the tree goes.
      expect(await cache.get("columns", keyA, datasets(A, "A"))).toBe(i + 1);
      expect(await cache.get("columns", keyB, datasets(B, "B"))).toBe(0);
      expect(await cache.peek("http trends.columns", httpB)).toBe("B's bytes");
      await cache.get("tree", null, tree);
    }
    expect(computed).toEqual({ A: 6, B: 1, tree: 6 });
    // A writer that names no scope empties everything, B's answers too.
    await write(A, FIRST + 80, false);
    expect(await cache.peek("http trends.columns", httpB)).toBeUndefined();
    expect(await cache.get("columns", keyB, datasets(B, "B"))).toBe(0);
    expect(computed.B).toBe(2);
  });

  it("is emptied by metric definitions only when a trend would show the change", async () => {
    const name = `cache_probe_${randomUUID().slice(0, 8)}`;
    const upsert = (title: string) =>
      db
        .insertInto("metric_definition")
        .values({ subsystem: "CacheTest", name, plot_title: title, y_title: "y", me_paths: ["CacheTest/h"], function: "mean", params: "{}", checks: null, config_file: "test" })
        .onConflict((oc) => oc.columns(["subsystem", "name"]).doUpdateSet((eb) => ({ plot_title: eb.ref("excluded.plot_title"), updated_at: sql<Date>`now()` })))
        .execute();
    // A peek's barrier hands over every notification committed before it.
    const settled = async () => {
      await cache.get("settle", 1, () => Promise.resolve(1));
      await cache.peek("settle", 1);
      return cache.stats().generation;
    };
    try {
      const g0 = await settled();
      await upsert("first");
      const g1 = await settled();
      expect(g1).toBeGreaterThan(g0);
      await upsert("first");
      expect(await settled()).toBe(g1);
      await upsert("second");
      expect(await settled()).toBeGreaterThan(g1);
    } finally {
      await db.deleteFrom("metric_definition").where("subsystem", "=", "CacheTest").where("name", "=", name).execute();
    }
  });

  it("stops caching when its connection is lost and resumes after reconnecting", async () => {
    const generation = cache.stats().generation;
    const { rows } = await sql<{ n: number }>`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where application_name = ${appName}`.execute(db);
    expect(rows[0]!.n).toBe(1);
    await until("the cache to notice", () => !cache.stats().listening);
    expect(cache.stats().entries).toBe(0);
    let computed = 0;
    const compute = () => Promise.resolve(++computed);
    // Whatever the timing of the reconnect, an answer from while it was down is not kept.
    await until("the cache to listen again", () => cache.stats().listening);
    expect(cache.stats().generation).toBeGreaterThan(generation);
    await cache.get("after", 1, compute);
    await cache.get("after", 1, compute);
    expect(computed).toBe(1);
  });
});
