/**
 * `dqmflow bench trends [--json] [--runs N] [--requests R] [--keep] [--reuse]`: trend requests for
 * one metric over an N-run series (default 5,000; 200 metrics × N points in the scratch
 * hypertable) over HTTP — a separate server process mounting the app's tRPC router on
 * node:http, once with the trend cache as deployed and once without — from 16 concurrent
 * clients; p50/p99 latency and requests/s, beside the bare SQL of the same series over a pg pool
 * at the same concurrency. `--keep` leaves the scratch schema, `--reuse` measures on it again.
 */
import { fork } from "node:child_process";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { sql } from "kysely";
import pg from "pg";
import { createDb } from "../../../db/pool";
import type { AppServices } from "../../app-services";
import { config } from "../../config/config";
import { createTrendCache, uncachedTrends } from "../../hdqm/trend-cache";
import { allocatePoints, replacePoints } from "../../ingest/point-writer";
import { appRouter } from "../../trpc/app-router";
import type { CliCommand } from "../main";
import { benchUrl, createBenchSchema, dropBenchSchema, percentile } from "./bench-support";

const CLIENTS = 16;
const METRICS = 200;
const PD = "ZeroBias";
const PS = "BenchTrends-v1";

async function seed(runs: number): Promise<void> {
  const db = await createBenchSchema(config().DATABASE_URL);
  try {
    const t0 = Date.parse("2017-05-20T00:00:00Z");
    const runRows = Array.from({ length: runs }, (_, r) => ({ run_number: 300000 + r, start_time: new Date(t0 + r * 3000e3), end_time: new Date(t0 + r * 3000e3 + 2400e3), run_class: "Collisions" as const, fill_number: 6000 + Math.floor(r / 3), delivered_lumi: 20, recorded_lumi: 19, ls_count: 100, significant: r % 20 !== 7 }));
    for (let i = 0; i < runs; i += 1000) await db.insertInto("run").values(runRows.slice(i, i + 1000)).execute();
    for (let i = 0; i < runs; i += 1000) {
      await db
        .insertInto("dataset")
        .values(runRows.slice(i, i + 1000).map((r) => ({ id: r.run_number - 299999, run_number: r.run_number, name: `/${PD}/Run2017X-${PS}/DQMIO`, primary_dataset: PD, processing_string: PS, stage: "reprocessing" as const })))
        .execute();
    }
    await db
      .insertInto("metric_definition")
      .values(Array.from({ length: METRICS }, (_, m) => ({ id: m + 1, subsystem: "Bench", name: `metric_${m + 1}`, plot_title: `metric ${m + 1}`, y_title: "y", me_paths: ["Bench/h"], function: "mean", params: "{}", checks: null, config_file: "bench" })))
      .execute();
    for (let r = 0; r < runs; r += 100) {
      const to = Math.min(runs, r + 100);
      const p = allocatePoints((to - r) * METRICS);
      let i = 0;
      for (let k = r; k < to; k++) for (let m = 0; m < METRICS; m++, i++) [p.time[i], p.runNumber[i], p.datasetId[i], p.metricId[i], p.value[i], p.error[i]] = [t0 + k * 3000e3, 300000 + k, k + 1, m + 1, Math.sin(k / 50 + m), 0.1];
      await replacePoints(db, Array.from({ length: to - r }, (_, k) => r + k + 1), p);
    }
    // As autovacuum leaves freshly ingested chunks: all-visible, so trends are index-only scans.
    await sql`vacuum analyze metric_point`.execute(db);
    await sql`analyze`.execute(db);
  } finally {
    await db.destroy();
  }
}

/** The server process: the app's tRPC router on node:http, services over the scratch schema. */
function serve(cached: boolean): void {
  const cfg = config();
  const db = createDb(benchUrl(cfg.DATABASE_URL), 10);
  const trendCache = cached ? createTrendCache(benchUrl(cfg.DATABASE_URL)) : uncachedTrends();
  const services: AppServices = {
    config: cfg,
    db,
    trendCache,
    temporal: () => Promise.reject(new Error("no Temporal in the benchmark")),
    close: () => trendCache.close().then(() => db.destroy()),
  };
  const handler = createHTTPHandler({ router: appRouter, basePath: "/api/trpc/", createContext: () => ({ services, identity: { user: "bench", role: "viewer" as const, groups: [], via: "local" as const } }) });
  const server = createServer((req, res) => void handler(req, res));
  server.listen(0, "127.0.0.1", () => {
    const addr = server.address();
    const ready = () => process.send?.({ port: typeof addr === "object" && addr ? addr.port : 0 });
    // The cache only keeps answers once it listens for changes; wait for that (or give up after 5 s).
    const deadline = Date.now() + 5000;
    const wait = () => (trendCache.stats().listening || !cached || Date.now() > deadline ? ready() : setTimeout(wait, 20));
    wait();
  });
  process.on("disconnect", () => {
    server.close();
    void services.close().then(() => process.exit(0));
  });
}

async function load(total: number, one: () => Promise<void>): Promise<{ p50: number; p99: number; rps: number }> {
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next++ < total) {
        const s = performance.now();
        await one();
        lat.push(performance.now() - s);
      }
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  return { p50: percentile(lat, 50), p99: percentile(lat, 99), rps: lat.length / wall };
}

type Stats = Awaited<ReturnType<typeof load>>;

/** Trend requests over HTTP against a fresh server process, cache on or off. */
async function measureHttp(runs: number, requests: number, cached: boolean): Promise<{ stats: Stats; points: number }> {
  const child = fork(fileURLToPath(import.meta.url), ["--serve", cached ? "--cached" : "--uncached"], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once("message", (m: { port: number }) => resolve(m.port));
      child.once("exit", (code) => reject(new Error(`benchmark server exited (${code})`)));
    });
    const input = { subsystem: "Bench", primaryDataset: PD, processingString: PS, metrics: ["metric_7"], selection: { kind: "latest", n: runs } };
    const target = `http://127.0.0.1:${port}/api/trpc/trends.series?input=${encodeURIComponent(JSON.stringify(input))}`;
    let points = 0;
    const http = async (): Promise<void> => {
      const res = await fetch(target);
      const body = (await res.json()) as { result?: { data?: { series: { run: number[] }[] } } };
      if (!res.ok || !body.result?.data) throw new Error(`trend request failed: HTTP ${res.status}`);
      points = body.result.data.series[0]?.run.length ?? 0;
    };
    await load(100, http);
    return { stats: await load(requests, http), points };
  } finally {
    child.disconnect();
    await new Promise((r) => child.once("exit", r));
  }
}

async function measureSql(url: string, requests: number): Promise<Stats> {
  const pool = new pg.Pool({ connectionString: benchUrl(url), max: CLIENTS });
  try {
    const bare = (): Promise<void> =>
      pool
        .query(
          `select p.run_number, p.value, p.error, r.start_time from metric_point p join dataset d on d.id = p.dataset_id join run r on r.run_number = p.run_number
           where p.metric_id = 7 and d.primary_dataset = $1 and d.processing_string = $2 and r.significant order by p.run_number`,
          [PD, PS],
        )
        .then(() => undefined);
    await load(100, bare);
    return await load(requests, bare);
  } finally {
    await pool.end();
  }
}

export const benchTrendsCommand: CliCommand = {
  summary: "trend API over HTTP (cache on and off) vs bare SQL",
  async run(args) {
    const { values } = parseArgs({ args, options: { json: { type: "boolean", default: false }, runs: { type: "string", default: "5000" }, requests: { type: "string", default: "2000" }, keep: { type: "boolean", default: false }, reuse: { type: "boolean", default: false } } });
    const runs = Number(values.runs);
    const requests = Number(values.requests);
    const url = config().DATABASE_URL;
    // --reuse measures on the scratch schema a previous --keep run left (no re-seeding).
    if (!values.reuse) await seed(runs);
    try {
      const cached = await measureHttp(runs, requests, true);
      const uncached = await measureHttp(runs, requests, false);
      const bare = await measureSql(url, requests);
      const result = {
        runs,
        pointsPerResponse: cached.points,
        clients: CLIENTS,
        requests,
        http: cached.stats,
        httpUncached: uncached.stats,
        sql: bare,
        p99Ratio: cached.stats.p99 / bare.p99,
        p99RatioUncached: uncached.stats.p99 / bare.p99,
        rpsRatio: cached.stats.rps / bare.rps,
      };
      if (values.json) console.log(JSON.stringify(result));
      else {
        console.log(`bench trends: one metric over ${runs} runs (${cached.points} significant points per response), ${CLIENTS} concurrent clients, ${requests} requests`);
        const rows = [
          ["tRPC/HTTP, cache on", cached.stats],
          ["tRPC/HTTP, cache off", uncached.stats],
          ["bare SQL (pg pool)", bare],
        ] as const;
        for (const [k, v] of rows) console.log(`  ${k.padEnd(22)} p50 ${v.p50.toFixed(1).padStart(7)} ms  p99 ${v.p99.toFixed(1).padStart(7)} ms  ${v.rps.toFixed(0).padStart(6)} req/s`);
        console.log(`  p99 / bare SQL p99: cache on ${result.p99Ratio.toFixed(2)}×, cache off ${result.p99RatioUncached.toFixed(2)}×`);
      }
      return 0;
    } finally {
      // --keep leaves the scratch schema for EXPLAIN and --reuse; the next seeding recreates it.
      if (!values.keep) await dropBenchSchema(url);
    }
  },
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv.includes("--serve")) {
  serve(process.argv.includes("--cached"));
}
