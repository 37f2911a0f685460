/**
 * `dqmflow bench trends-under-ingest [--json] [--points N] [--per-run M] [--seconds S] [--cache on|off|both] [--scope on|off] [--build DIR]`:
 * the trend API's latency while an ingest runs (issue 11, R5: within 2× of its quiet p99).
 * A scratch schema holds a 5,000-run series (as `bench trends`, with the product's NOTIFY
 * triggers and trend_run). Each ingest commit notifies the server's trend cache as ingest's
 * writer does: naming the series it wrote (another processing string), so the cache keeps the
 * measured series' answers.
 * The product's web server answers `trends.series` for one metric over the whole series to 16
 * keep-alive HTTP clients: first for S seconds with nothing else running (quiet), then for as
 * long as an ingest of N points (default 1 M) runs in a process of its own — M points per run
 * (default 500), one transaction per run as a file's write is: run and dataset rows, then the
 * ingest writer's replace of the dataset's points. Prints p50/p99 of both windows and their ratio.
 * `--build DIR` serves a build copied beforehand (build/ and public/build/) instead of building.
 * `--scope off`: the ingest does not name its series, so every commit empties the trend cache
 * (the behaviour before migration 2026-12-01T1310; default on, as ingest's writer does).
 */
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import http from "node:http";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { createDb } from "../../../db/pool";
import { config } from "../../config/config";
import { allocatePoints, replacePoints } from "../../ingest/point-writer";
import { scopeTrendNotifications } from "../../ingest/trend-scope";
import { CACHE_HEADER } from "../../trpc/http-handler";
import type { CliCommand } from "../main";
import { privateBuild, removeBuild, startApp, stopApp } from "./bench-app";
import { BENCH_SCHEMA, benchUrl, createBenchSchema, dropBenchSchema, percentile, seedBenchSeries } from "./bench-support";
import { addScratchTrendRun } from "./bench-trend-run";

const CLIENTS = 16;
const SERIES_RUNS = 5_000;
const SERIES_METRICS = 50;
const PD = "ZeroBias";
const PS = "BenchTrends-v1";
/** The ingest's runs and datasets, apart from the measured series (another processing string). */
const INGEST_RUN0 = 400_000;
const INGEST_DATASET0 = 100_001;
const INGEST_PS = "BenchIngest-v1";
const T0 = Date.parse("2018-05-01T00:00:00Z");

/** The series, with the migration's statement triggers on the scratch tables (NOTIFY hdqm_data per write). */
async function seed(url: string): Promise<void> {
  const db = await createBenchSchema(url);
  try {
    await addScratchTrendRun(db);
    await seedBenchSeries(db, {
      runs: SERIES_RUNS,
      subsystem: "Bench",
      primaryDataset: PD,
      processingString: PS,
      metrics: Array.from({ length: SERIES_METRICS }, (_, m) => ({ name: `metric_${m + 1}`, plotTitle: `metric ${m + 1}`, yTitle: "y" })),
      significant: (r) => r % 20 !== 7,
      point: (r, m) => [Math.sin(r / 50 + m), 0.1],
    });
    for (const t of ["metric_point", "run", "dataset"]) {
      await sql`create trigger ${sql.raw(`${t}_notify_hdqm`)} after insert or update or delete or truncate on ${sql.raw(`${BENCH_SCHEMA}.${t}`)}
        for each statement execute function public.hdqm_data_changed()`.execute(db);
    }
    await sql`vacuum analyze metric_point`.execute(db);
    await sql`analyze`.execute(db);
  } finally {
    await db.destroy();
  }
}

/** The ingest, run in a child process: `points` points, `perRun` per run, one transaction per run. */
async function ingestChild(url: string, points: number, perRun: number, scoped: boolean): Promise<void> {
  const db = createDb(benchUrl(url), 1);
  try {
    const runs = Math.ceil(points / perRun);
    console.log("ingest started");
    const t0 = performance.now();
    for (let k = 0; k < runs; k++) {
      const n = Math.min(perRun, points - k * perRun);
      const run = INGEST_RUN0 + k;
      const datasetId = INGEST_DATASET0 + k;
      const start = new Date(T0 + k * 3000e3);
      await db.transaction().execute(async (trx) => {
        // As ingest's writer does (write-ingest.ts): the trend caches drop only this series' answers.
        if (scoped) await scopeTrendNotifications(trx, PD, INGEST_PS);
        await trx
          .insertInto("run")
          .values({ run_number: run, start_time: start, end_time: new Date(start.getTime() + 2400e3), run_class: "Collisions", fill_number: 7000 + Math.floor(k / 3), delivered_lumi: 20, recorded_lumi: 19, ls_count: 100, significant: true })
          .onConflict((oc) => oc.column("run_number").doNothing())
          .execute();
        await trx
          .insertInto("dataset")
          .values({ id: datasetId, run_number: run, name: `/${PD}/Run2018X-${INGEST_PS}/DQMIO`, primary_dataset: PD, processing_string: INGEST_PS, stage: "reprocessing" })
          .onConflict((oc) => oc.column("id").doNothing())
          .execute();
        const p = allocatePoints(n);
        for (let m = 0; m < n; m++) [p.time[m], p.runNumber[m], p.datasetId[m], p.metricId[m], p.value[m], p.error[m]] = [start.getTime(), run, datasetId, m + 1, Math.cos(k / 30 + m), 0.1];
        await replacePoints(trx, [datasetId], p);
      });
    }
    console.log(`ingest done ${runs} ${((performance.now() - t0) / 1000).toFixed(3)}`);
  } finally {
    await db.destroy();
  }
}

/** 16 keep-alive clients requesting `target` until `stop()` says so; latencies to the last byte, sorted. */
async function load(target: string, bytes: number, stop: () => boolean): Promise<{ latencies: number[]; seconds: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const one = () =>
    new Promise<number>((resolve, reject) => {
      const s = performance.now();
      http
        .get(target, { agent }, (res) => {
          let n = 0;
          res.on("data", (c: Buffer) => (n += c.length));
          res.on("error", reject);
          res.on("end", () => (res.statusCode === 200 && n === bytes ? resolve(performance.now() - s) : reject(new Error(`trend request failed: HTTP ${res.statusCode}, ${n} bytes where the first answer had ${bytes}`))));
        })
        .on("error", reject);
    });
  const latencies: number[] = [];
  const t0 = performance.now();
  try {
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (!stop()) latencies.push(await one());
      }),
    );
  } finally {
    agent.destroy();
  }
  return { latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - t0) / 1000 };
}

interface Window {
  requests: number;
  p50: number;
  p99: number;
  rps: number;
}

const windowOf = (r: { latencies: number[]; seconds: number }): Window => ({ requests: r.latencies.length, p50: percentile(r.latencies, 50), p99: percentile(r.latencies, 99), rps: r.latencies.length / r.seconds });

/** Starts the ingest child; resolves once it writes, with a promise of its end (seconds it took). */
function startIngest(url: string, points: number, perRun: number, scoped: boolean): Promise<{ done: Promise<number> }> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--ingest-child", url, String(points), String(perRun), scoped ? "scoped" : "unscoped"], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  return new Promise((resolve, reject) => {
    const done = new Promise<number>((res, rej) => {
      child.once("exit", (code) => {
        const m = /ingest done \d+ ([\d.]+)/.exec(out);
        if (code === 0 && m) res(Number(m[1]));
        else rej(new Error(`the ingest process exited with ${code}`));
      });
    });
    done.catch(reject);
    child.stdout.on("data", (b: Buffer) => {
      out += b.toString();
      if (out.includes("ingest started")) resolve({ done });
    });
  });
}

async function measure(buildDir: string, url: string, cached: boolean, opts: { points: number; perRun: number; seconds: number; scoped: boolean }) {
  const app = await startApp(buildDir, { DATABASE_URL: benchUrl(url), TREND_CACHE: cached ? "on" : "off", TEMPORAL_TASK_QUEUE: "dqmflow-bench-trends-under-ingest" });
  try {
    const input = { subsystem: "Bench", primaryDataset: PD, processingString: PS, metrics: ["metric_7"], selection: { kind: "latest", n: SERIES_RUNS } };
    const target = `${app.origin}/api/trpc/trends.series?input=${encodeURIComponent(JSON.stringify(input))}`;
    const first = await fetch(target);
    const bytes = Buffer.byteLength(await first.text());
    if (!first.ok) throw new Error(`trend request failed: HTTP ${first.status}`);
    // As in `bench trends`: with the cache on, measure only once it answers repeated requests.
    const deadline = Date.now() + 10_000;
    while (cached) {
      const res = await fetch(target);
      await res.arrayBuffer();
      if (res.headers.get(CACHE_HEADER) === "hit") break;
      if (Date.now() > deadline) throw new Error("the web server's trend cache never answered a repeated request");
      await new Promise((r) => setTimeout(r, 100));
    }
    const warm = Date.now() + 2_000;
    await load(target, bytes, () => Date.now() > warm);
    const quietEnd = Date.now() + opts.seconds * 1000;
    const quiet = windowOf(await load(target, bytes, () => Date.now() > quietEnd));
    const ingest = await startIngest(url, opts.points, opts.perRun, opts.scoped);
    // The window closes when the ingest ends, however it ends; a failed ingest fails the bench.
    let over = false;
    void ingest.done.finally(() => (over = true)).catch(() => undefined);
    const under = windowOf(await load(target, bytes, () => over));
    const ingestSeconds = await ingest.done;
    return { cache: cached ? "on" : "off", scopedInvalidation: opts.scoped, loadavg: (await readFile("/proc/loadavg", "utf8")).split(" ").slice(0, 3).join(" "), bytes, quiet, underIngest: under, ingestSeconds, ingestPointsPerSecond: opts.points / ingestSeconds, p99Ratio: under.p99 / quiet.p99 };
  } finally {
    await stopApp(app);
  }
}

export const benchTrendsUnderIngestCommand: CliCommand = {
  summary: "trend API p99 quiet vs during a 1 M point ingest",
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { json: { type: "boolean", default: false }, points: { type: "string", default: "1000000" }, "per-run": { type: "string", default: "500" }, seconds: { type: "string", default: "10" }, cache: { type: "string", default: "both" }, scope: { type: "string", default: "on" }, build: { type: "string" } },
    });
    const points = Number(values.points);
    const perRun = Number(values["per-run"]);
    const seconds = Number(values.seconds);
    if (!Number.isInteger(points) || points < 1) throw new Error(`--points must be a positive whole number, got '${values.points}'`);
    if (!Number.isInteger(perRun) || perRun < 1 || perRun > 100_000) throw new Error(`--per-run must be a whole number in 1..100000, got '${values["per-run"]}'`);
    if (!Number.isInteger(seconds) || seconds < 1) throw new Error(`--seconds must be a positive whole number, got '${values.seconds}'`);
    const modes = { on: [true], off: [false], both: [true, false] }[values.cache ?? ""];
    if (!modes) throw new Error(`--cache must be on, off or both, got '${values.cache}'`);
    if (values.scope !== "on" && values.scope !== "off") throw new Error(`--scope must be on or off, got '${values.scope}'`);
    const scoped = values.scope === "on";
    const url = config().DATABASE_URL;
    let buildDir: string | null = null;
    try {
      if (!values.json) console.log("bench trends-under-ingest: seeding the series…");
      await seed(url);
      if (!values.build && !values.json) console.log("bench trends-under-ingest: building the app…");
      buildDir = values.build ?? (await privateBuild("bench-trends-under-ingest"));
      const results = [];
      for (const cached of modes) results.push(await measure(buildDir, url, cached, { points, perRun, seconds, scoped }));
      if (values.json) console.log(JSON.stringify({ points, perRun, clients: CLIENTS, seriesRuns: SERIES_RUNS, quietSeconds: seconds, goalRatio: 2, results }));
      else {
        console.log(`bench trends-under-ingest: trends.series of one metric over ${SERIES_RUNS} runs (${((results[0]?.bytes ?? 0) / 1024).toFixed(0)} KiB), ${CLIENTS} keep-alive clients; ingest of ${points.toLocaleString("en-US")} points, ${perRun} per run, one transaction per run, in another process`);
        for (const r of results) {
          console.log(`  trend cache ${r.cache}, ingest ${r.scopedInvalidation ? "naming its series (scoped invalidation)" : "naming nothing (full flush per commit)"}; load average at the end ${r.loadavg}:`);
          for (const [k, w] of [["quiet", r.quiet], ["during ingest", r.underIngest]] as const) console.log(`    ${k.padEnd(14)} p50 ${w.p50.toFixed(1).padStart(7)} ms  p99 ${w.p99.toFixed(1).padStart(7)} ms  ${w.rps.toFixed(0).padStart(6)} req/s  (${w.requests} requests)`);
          console.log(`    ingest ${r.ingestSeconds.toFixed(1)} s (${Math.round(r.ingestPointsPerSecond).toLocaleString("en-US")} points/s); p99 during ingest / quiet p99: ${r.p99Ratio.toFixed(2)}× (goal ≤ 2×: ${r.p99Ratio <= 2 ? "met" : "not met"})`);
        }
      }
      return 0;
    } finally {
      if (buildDir && !values.build) await removeBuild(buildDir);
      await dropBenchSchema(url);
    }
  },
};

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === "--ingest-child") {
  const [url, points, perRun, scoped] = process.argv.slice(3);
  ingestChild(url ?? "", Number(points), Number(perRun), scoped === "scoped").catch((err: unknown) => {
    console.error(`bench trends-under-ingest (ingest): ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
