/**
 * `dqmflow bench trends --distinct`: first views (issue 15, item 2). Every request asks for
 * another metric among the 200 seeded, in turn, so the trend cache (as deployed: 128 answers,
 * least recently used out first) never holds the next one. Measured from 16 concurrent
 * connections: the product's web server answering `trends.columns` (the compact answer) and the
 * deprecated `trends.series` (autocannon, latency to the last byte; every answer's status and
 * size checked, cache hits counted from the answer header), and the bare SQL of the same
 * requests — the statements the server runs (metric definitions and runs together, then the
 * points), compiled from the product's own query builders — over a `pg` pool of 16, unnamed as
 * the server sends them and as named prepared statements.
 */
import { readFile } from "node:fs/promises";
import autocannon from "autocannon";
import pg from "pg";
import { createDb } from "../../../db/pool";
import { metricsQuery, selectRunsQuery, seriesPointsQuery, seriesScopeSchema } from "../../hdqm/trend-query";
import { CACHE_HEADER } from "../../trpc/http-handler";
import { startApp, stopApp } from "./bench-app";
import { benchUrl, percentile } from "./bench-support";

const CLIENTS = 16;

/** The machine's load average (1, 5, 15 min), printed beside the figures. */
const loadavg = () => readFile("/proc/loadavg", "utf8").then((t) => t.split(" ").slice(0, 3).join(" "), () => "unknown");

export interface DistinctOptions {
  runs: number;
  metrics: number;
  requests: number;
  seconds: number;
  subsystem: string;
  primaryDataset: string;
  processingString: string;
}

interface Stats {
  p50: number;
  p99: number;
  rps: number;
  requests: number;
}

type Procedure = "columns" | "series";

function inputOf(o: DistinctOptions, m: number, extra: Record<string, unknown> = {}) {
  return { subsystem: o.subsystem, primaryDataset: o.primaryDataset, processingString: o.processingString, metrics: [`metric_${m}`], selection: { kind: "latest", n: o.runs }, ...extra };
}

const pathOf = (procedure: string, input: unknown) => `/api/trpc/trends.${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;

/** Bytes of one answer of each shape, for metric 7 (as `bench trends` measures). */
async function answerBytes(origin: string, o: DistinctOptions) {
  const size = async (path: string) => {
    const res = await fetch(`${origin}${path}`);
    const text = await res.text();
    if (!res.ok) throw new Error(`trend request failed: HTTP ${res.status} ${text.slice(0, 200)}`);
    return Buffer.byteLength(text);
  };
  return {
    series: await size(pathOf("series", inputOf(o, 7))),
    columns: await size(pathOf("columns", inputOf(o, 7))),
    columnsWithFill: await size(pathOf("columns", inputOf(o, 7, { runFields: ["fill"] }))),
  };
}

/**
 * autocannon over the metrics in turn, going on from where `cursor` stopped (so a warm-up's
 * answers, long evicted, are not asked again); every answer must be a 200 within 10 % of the
 * first's size.
 */
async function distinctHttp(origin: string, procedure: Procedure, o: DistinctOptions, seconds: number, firstBytes: number, cursor: { next: number }): Promise<Stats & { hits: number }> {
  const paths = Array.from({ length: o.metrics }, (_, m) => pathOf(procedure, inputOf(o, m + 1)));
  let hits = 0;
  let bad = 0;
  const r = await autocannon({
    url: origin,
    connections: CLIENTS,
    duration: seconds,
    // A loaded machine may take seconds per first view; a timeout would fail the run, not measure it.
    timeout: 120,
    requests: [
      {
        method: "GET",
        setupRequest: (req) => ({ ...req, path: paths[cursor.next++ % paths.length]! }),
        onResponse: (status, body, _context, headers) => {
          if (headers?.[CACHE_HEADER] === "hit") hits++;
          const n = Buffer.byteLength(body);
          if (status !== 200 || n < firstBytes * 0.9 || n > firstBytes * 1.1) bad++;
        },
      },
    ],
  });
  if (r.errors || r.non2xx || r.timeouts || bad) throw new Error(`trend requests failed under load: ${r.errors} errors, ${r.non2xx} non-2xx, ${r.timeouts} timeouts, ${bad} answers of the wrong size`);
  return { p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.total / r.duration, requests: r.requests.total, hits };
}

/** The server's statements for each metric in turn over a pool of 16, unnamed or as named prepared statements. */
async function distinctSql(url: string, o: DistinctOptions, named: boolean): Promise<Stats> {
  const pool = new pg.Pool({ connectionString: benchUrl(url), max: CLIENTS });
  const compiler = createDb(benchUrl(url), 1);
  try {
    const scope = seriesScopeSchema.parse(inputOf(o, 1));
    // The columns trends.columns reads for the run axis with no run fields (trend-columns.ts).
    const runsSql = selectRunsQuery(scope, null, ["run", "dataset_id"]).compile(compiler);
    const query = (name: string, text: string, values: readonly unknown[]) => pool.query(named ? { name, text, values: [...values] } : { text, values: [...values] });
    let next = 0;
    const one = async () => {
      const m = (next++ % o.metrics) + 1;
      const metricsSql = metricsQuery(compiler, o.subsystem, [`metric_${m}`]).compile();
      const [metrics, runs] = await Promise.all([query("bench_trend_metrics", metricsSql.sql, metricsSql.parameters), query("bench_trend_runs", runsSql.sql, runsSql.parameters)]);
      const run = (runs.rows[0] as { run: number[] }).run;
      const pointsSql = seriesPointsQuery([(metrics.rows[0] as { id: number }).id], scope, run[0]!, run[run.length - 1]!).compile(compiler);
      const points = await query("bench_trend_points", pointsSql.sql, pointsSql.parameters);
      if (((points.rows[0] as { value: number[] } | undefined)?.value.length ?? 0) < run.length) throw new Error(`metric_${m}: the points query returned fewer points than runs`);
    };
    const lat: number[] = [];
    const loadBy = async (total: number) => {
      lat.length = 0;
      let started = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (started++ < total) {
            const s = performance.now();
            await one();
            lat.push(performance.now() - s);
          }
        }),
      );
      return (performance.now() - t0) / 1000;
    };
    await loadBy(100);
    const wall = await loadBy(o.requests);
    lat.sort((a, b) => a - b);
    return { p50: percentile(lat, 50), p99: percentile(lat, 99), rps: lat.length / wall, requests: lat.length };
  } finally {
    await pool.end();
    await compiler.destroy();
  }
}

/** `progress` hears each row as it is measured (a long run on a loaded machine shows what it has). */
export async function measureDistinct(buildDir: string, url: string, o: DistinctOptions, progress: (line: string) => void = () => undefined) {
  const app = await startApp(buildDir, { DATABASE_URL: benchUrl(url), TREND_CACHE: "on", TEMPORAL_TASK_QUEUE: "dqmflow-bench-trends" });
  let bytes;
  const http: Partial<Record<Procedure, Stats & { hits: number }>> = {};
  try {
    bytes = await answerBytes(app.origin, o);
    for (const procedure of ["columns", "series"] as const) {
      const first = procedure === "columns" ? bytes.columns : bytes.series;
      const cursor = { next: 0 };
      await distinctHttp(app.origin, procedure, o, 1, first, cursor);
      http[procedure] = await distinctHttp(app.origin, procedure, o, o.seconds, first, cursor);
      progress(`HTTP trends.${procedure}: ${JSON.stringify(http[procedure])} (${first} bytes; load ${await loadavg()})`);
    }
  } finally {
    await stopApp(app);
  }
  const sql = await distinctSql(url, o, false);
  progress(`bare SQL: ${JSON.stringify(sql)} (load ${await loadavg()})`);
  const sqlNamed = await distinctSql(url, o, true);
  progress(`bare SQL, prepared: ${JSON.stringify(sqlNamed)} (load ${await loadavg()})`);
  const columns = http.columns!;
  return {
    runs: o.runs,
    metrics: o.metrics,
    clients: CLIENTS,
    autocannonSeconds: o.seconds,
    sqlRequests: o.requests,
    bytes: { ...bytes, ratio: bytes.columns / bytes.series, ratioWithFill: bytes.columnsWithFill / bytes.series },
    httpColumns: columns,
    httpSeries: http.series!,
    sql,
    sqlNamed,
    p99Ratio: columns.p99 / sql.p99,
    p99RatioSeries: http.series!.p99 / sql.p99,
    goal: { p99Ratio: 1.5, bytesRatio: 0.4 },
    loadavg: await loadavg(),
  };
}

export function printDistinct(d: Awaited<ReturnType<typeof measureDistinct>>): void {
  const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  console.log(`bench trends --distinct: each request another of ${d.metrics} metrics over ${d.runs} runs, ${d.clients} concurrent clients; autocannon for ${d.autocannonSeconds} s, SQL for ${d.sqlRequests} requests`);
  console.log(`  answer: trends.series ${kib(d.bytes.series)}, trends.columns ${kib(d.bytes.columns)} (${(d.bytes.ratio * 100).toFixed(0)} %), with the fill ${kib(d.bytes.columnsWithFill)} (${(d.bytes.ratioWithFill * 100).toFixed(0)} %); goal ≤ 40 %: ${d.bytes.ratio <= 0.4 ? "met" : "not met"}`);
  const rows = [
    ["HTTP trends.columns", d.httpColumns],
    ["HTTP trends.series", d.httpSeries],
    ["bare SQL (pg pool)", d.sql],
    ["bare SQL, prepared", d.sqlNamed],
  ] as const;
  for (const [k, v] of rows) console.log(`  ${k.padEnd(22)} p50 ${v.p50.toFixed(1).padStart(7)} ms  p99 ${v.p99.toFixed(1).padStart(7)} ms  ${v.rps.toFixed(0).padStart(6)} req/s  (${v.requests} requests${"hits" in v ? `, ${v.hits} cache hits` : ""})`);
  console.log(`  p99 / bare SQL p99: columns ${d.p99Ratio.toFixed(2)}×, series ${d.p99RatioSeries.toFixed(2)}×; goal ≤ 1.5× (${d.p99Ratio <= 1.5 ? "met" : "not met"}); load average at the end: ${d.loadavg}`);
}
