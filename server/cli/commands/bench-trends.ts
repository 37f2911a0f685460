/**
 * `dqmflow bench trends [--json] [--distinct] [--runs N] [--seconds S] [--requests R] [--keep] [--reuse]`: trend requests for
 * one metric over an N-run series (default 5,000; 200 metrics × N points in the scratch
 * hypertable) over HTTP to the product's web server (Express, its front cache, Remix and the
 * tRPC route, from a private build), once with the trend cache as deployed and once with
 * TREND_CACHE=off — from 16 concurrent
 * connections driven by autocannon (and, cache on, by 16 fetch clients that parse every answer);
 * p50/p99 latency and requests/s, beside the bare SQL of the same series over a pg pool at the
 * same concurrency. `--keep` leaves the scratch schema, `--reuse` measures on it again.
 * `--distinct` measures first views instead (bench-trends-distinct.ts): each request another
 * metric among the 200.
 */
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { sql } from "kysely";
import pg from "pg";
import { config } from "../../config/config";
import { CACHE_HEADER } from "../../trpc/http-handler";
import type { CliCommand } from "../main";
import { privateBuild, removeBuild, startApp, stopApp } from "./bench-app";
import { benchUrl, createBenchSchema, dropBenchSchema, percentile, seedBenchSeries } from "./bench-support";
import { addScratchTrendRun } from "./bench-trend-run";
import { measureDistinct, printDistinct } from "./bench-trends-distinct";

const CLIENTS = 16;
const METRICS = 200;
const PD = "ZeroBias";
const PS = "BenchTrends-v1";

async function seed(runs: number): Promise<void> {
  const db = await createBenchSchema(config().DATABASE_URL);
  try {
    await addScratchTrendRun(db);
    await seedBenchSeries(db, {
      runs,
      subsystem: "Bench",
      primaryDataset: PD,
      processingString: PS,
      metrics: Array.from({ length: METRICS }, (_, m) => ({ name: `metric_${m + 1}`, plotTitle: `metric ${m + 1}`, yTitle: "y" })),
      significant: (r) => r % 20 !== 7,
      point: (r, m) => [Math.sin(r / 50 + m), 0.1],
    });
    // As autovacuum leaves freshly ingested chunks: all-visible, so trends are index-only scans.
    await sql`vacuum analyze metric_point`.execute(db);
    await sql`analyze`.execute(db);
  } finally {
    await db.destroy();
  }
}

async function loadBy(total: number, one: () => Promise<void>): Promise<{ p50: number; p99: number; rps: number }> {
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

type Stats = Awaited<ReturnType<typeof loadBy>>;

/**
 * How the clients take the answers: `autocannon` (the HTTP load generator, 16 keep-alive
 * connections) times each request to its last byte, as HTTP benchmarks do, at 1 ms resolution;
 * `parsed` is a JavaScript consumer: `fetch`, then JSON.parse of every answer, in the same
 * process, on the same two cores.
 */
type ClientMode = "autocannon" | "parsed";

interface AnswerShape {
  result?: { data?: { series: { run: number[] }[] } };
}

async function withAutocannon(target: string, seconds: number, bytes: number): Promise<Stats> {
  const r = await autocannon({ url: target, connections: CLIENTS, duration: seconds });
  // Every answer must have been the whole series: no errors, no non-2xx, the first answer's size (plus headers).
  const perAnswer = r.throughput.total / Math.max(1, r.requests.total);
  if (r.errors || r.non2xx || r.timeouts || perAnswer < bytes || perAnswer > bytes + 1024) {
    throw new Error(`trend requests failed under load: ${r.errors} errors, ${r.non2xx} non-2xx, ${r.timeouts} timeouts, ${perAnswer.toFixed(0)} bytes per answer where the first had ${bytes}`);
  }
  return { p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.total / r.duration };
}

/** Trend requests over HTTP to the product's web server on the scratch schema, trend cache on or off, per client mode. */
async function measureHttp(buildDir: string, runs: number, load: { requests: number; seconds: number }, cached: boolean, modes: readonly ClientMode[]): Promise<{ stats: Record<ClientMode, Stats | null>; points: number; bytes: number }> {
  const app = await startApp(buildDir, { DATABASE_URL: benchUrl(config().DATABASE_URL), TREND_CACHE: cached ? "on" : "off", TEMPORAL_TASK_QUEUE: "dqmflow-bench-trends" });
  try {
    const input = { subsystem: "Bench", primaryDataset: PD, processingString: PS, metrics: ["metric_7"], selection: { kind: "latest", n: runs } };
    const target = `${app.origin}/api/trpc/trends.series?input=${encodeURIComponent(JSON.stringify(input))}`;
    const first = await fetch(target);
    const firstBody = await first.text();
    const answer = JSON.parse(firstBody) as AnswerShape;
    if (!first.ok || !answer.result?.data) throw new Error(`trend request failed: HTTP ${first.status} ${firstBody.slice(0, 200)}`);
    const points = answer.result.data.series[0]?.run.length ?? 0;
    const bytes = Buffer.byteLength(firstBody);
    // The cache keeps answers once it listens for changes (a moment after start): wait for a hit,
    // so the cached measurement never silently measures misses; uncached must never hit.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const res = await fetch(target);
      await res.arrayBuffer();
      const hit = res.headers.get(CACHE_HEADER) === "hit";
      if (hit && !cached) throw new Error("the trend cache answered although TREND_CACHE=off");
      if (hit || !cached) break;
      if (Date.now() > deadline) throw new Error("the web server's trend cache never answered a repeated request");
      await new Promise((r) => setTimeout(r, 100));
    }
    const parsed = async (): Promise<void> => {
      const res = await fetch(target);
      const body = (await res.json()) as AnswerShape;
      if (!res.ok || body.result?.data?.series[0]?.run.length !== points) throw new Error(`trend request failed: HTTP ${res.status}`);
    };
    const stats: Record<ClientMode, Stats | null> = { autocannon: null, parsed: null };
    for (const mode of modes) {
      if (mode === "autocannon") {
        await withAutocannon(target, 1, bytes);
        stats.autocannon = await withAutocannon(target, load.seconds, bytes);
      } else {
        await loadBy(100, parsed);
        stats.parsed = await loadBy(load.requests, parsed);
      }
    }
    return { stats, points, bytes };
  } finally {
    await stopApp(app);
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
    await loadBy(100, bare);
    return await loadBy(requests, bare);
  } finally {
    await pool.end();
  }
}

export const benchTrendsCommand: CliCommand = {
  summary: "trend API over HTTP (cache on and off) vs bare SQL",
  async run(args) {
    const { values } = parseArgs({ args, options: { json: { type: "boolean", default: false }, distinct: { type: "boolean", default: false }, runs: { type: "string", default: "5000" }, requests: { type: "string", default: "2000" }, seconds: { type: "string", default: "10" }, keep: { type: "boolean", default: false }, reuse: { type: "boolean", default: false } } });
    const runs = Number(values.runs);
    const requests = Number(values.requests);
    const seconds = Number(values.seconds);
    if (!Number.isInteger(requests) || requests < 1) throw new Error("--requests must be a positive whole number");
    if (!Number.isInteger(seconds) || seconds < 1) throw new Error("--seconds must be a positive whole number");
    const url = config().DATABASE_URL;
    // --reuse measures on the scratch schema a previous --keep run left (no re-seeding).
    if (!values.reuse) await seed(runs);
    let buildDir: string | null = null;
    try {
      if (!values.json) console.log("bench trends: building the app…");
      buildDir = await privateBuild("bench-trends");
      if (values.distinct) {
        const d = await measureDistinct(buildDir, url, { runs, metrics: METRICS, requests, seconds, subsystem: "Bench", primaryDataset: PD, processingString: PS }, values.json ? undefined : (line) => console.log(`  … ${line}`));
        if (values.json) console.log(JSON.stringify(d));
        else printDistinct(d);
        return 0;
      }
      const cached = await measureHttp(buildDir, runs, { requests, seconds }, true, ["autocannon", "parsed"]);
      const uncached = await measureHttp(buildDir, runs, { requests, seconds }, false, ["autocannon"]);
      const bare = await measureSql(url, requests);
      const http = cached.stats.autocannon!;
      const httpParsed = cached.stats.parsed!;
      const httpUncached = uncached.stats.autocannon!;
      const result = {
        runs,
        pointsPerResponse: cached.points,
        bytesPerResponse: cached.bytes,
        clients: CLIENTS,
        requests,
        autocannonSeconds: seconds,
        http,
        httpParsedByClient: httpParsed,
        httpUncached,
        sql: bare,
        p99Ratio: http.p99 / bare.p99,
        p99RatioParsed: httpParsed.p99 / bare.p99,
        p99RatioUncached: httpUncached.p99 / bare.p99,
        rpsRatio: http.rps / bare.rps,
        goalP99Ms: 25,
      };
      if (values.json) console.log(JSON.stringify(result));
      else {
        console.log(`bench trends: one metric over ${runs} runs (${cached.points} significant points, ${(cached.bytes / 1024).toFixed(0)} KiB per answer), ${CLIENTS} concurrent clients; autocannon for ${seconds} s, fetch clients and SQL for ${requests} requests`);
        const rows = [
          ["tRPC/HTTP, cache on", http],
          ["  fetch + JSON.parse", httpParsed],
          ["tRPC/HTTP, cache off", httpUncached],
          ["bare SQL (pg pool)", bare],
        ] as const;
        for (const [k, v] of rows) console.log(`  ${k.padEnd(22)} p50 ${v.p50.toFixed(1).padStart(7)} ms  p99 ${v.p99.toFixed(1).padStart(7)} ms  ${v.rps.toFixed(0).padStart(6)} req/s`);
        console.log(`  p99 / bare SQL p99: cache on ${result.p99Ratio.toFixed(2)}× (client parsing ${result.p99RatioParsed.toFixed(2)}×), cache off ${result.p99RatioUncached.toFixed(2)}×; goal p99 ≤ ${result.goalP99Ms} ms (cache on: ${http.p99 <= result.goalP99Ms ? "met" : "not met"})`);
      }
      return 0;
    } finally {
      if (buildDir) await removeBuild(buildDir);
      // --keep leaves the scratch schema for EXPLAIN and --reuse; the next seeding recreates it.
      if (!values.keep) await dropBenchSchema(url);
    }
  },
};

