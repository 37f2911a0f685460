/**
 * The tRPC endpoint's answer cache on the real database: the bytes are tRPC's own, a repeated
 * view is a hit (in the route and in the web server's front cache), a data change is seen by
 * the very next request, and refusals and batches never come from the cache.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runHistograms } from "../../scripts/demo/run-histograms";
import { metricCatalog } from "../ingest/catalog";
import { ingestHistogramSet } from "../ingest/ingest-histograms";
import { importOmsRecords } from "../ingest/oms-import";
import { forgetRuns, omsRun } from "../ingest/test-support";
import { identityOf, testServices } from "../testing/integration";
import { createCaller } from "./app-router";
import { trpcFrontCache } from "./front-cache";
import { CACHE_HEADER, handleTrpcRequest } from "./http-handler";

const services = testServices();
const db = services.db;
const viewer = { services, identity: identityOf("viewer") };
const PS = "HttpCacheTest-v1";
const RUNS = [990_961, 990_962, 990_963];
const startOf = (i: number) => new Date(Date.parse("2017-09-10T00:00:00Z") + i * 6 * 3600e3).toISOString();
const input = { subsystem: "Muons", primaryDataset: "ZeroBias", processingString: PS, metrics: ["Z_peak_mass"], selection: { kind: "range", from: RUNS[0], to: RUNS[2] } };
const seriesPath = `/api/trpc/trends.series?input=${encodeURIComponent(JSON.stringify(input))}`;

// The web server in small: the front cache, then (as Remix would) the tRPC route.
let server: Server;
let origin = "";
let routeCalls = 0;

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  await forgetRuns(db, RUNS);
  await importOmsRecords(db, RUNS.map((r, i) => omsRun(r, startOf(i), { delivered_lumi: 10 + i })), "test");
  const catalog = await metricCatalog();
  for (const [i, run] of RUNS.entries()) {
    const start = new Date(startOf(i));
    await ingestHistogramSet(db, catalog, {
      source: { path: `test:${run}`, kind: "generated", checksum: String(run), sizeBytes: 0, version: 1 },
      run,
      dataset: `/ZeroBias/Run2017F-${PS}/DQMIO`,
      mes: runHistograms({ run, start, end: new Date(start.getTime() + 3 * 3600e3), runClass: "Collisions", fill: 6200, hltKey: "x", lsCount: 400, deliveredLumi: 50, recordedLumi: 48, golden: null, season: i / 3, problems: new Set() }),
      referenceRun: RUNS[0]!,
    });
  }
  const front = trpcFrontCache(services);
  server = createServer((req, res) => {
    front(req, res, () => {
      routeCalls++;
      const request = new Request(`http://127.0.0.1${req.url ?? "/"}`, { method: req.method ?? "GET", headers: req.headers as Record<string, string> });
      void handleTrpcRequest(request, viewer).then(async (answer) => {
        res.writeHead(answer.status, Object.fromEntries(answer.headers));
        res.end(Buffer.from(await answer.arrayBuffer()));
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await until("the trend cache to listen", () => services.trendCache.stats().listening);
}, 120_000);

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await forgetRuns(db, RUNS);
  await services.close();
});

describe("the tRPC endpoint's answer cache", () => {
  it("answers a repeated view from the cache with the bytes tRPC sent, through the route and the front cache", async () => {
    const direct = await createCaller(viewer).trends.series(input as never);
    const first = await handleTrpcRequest(new Request(`http://x${seriesPath}`), viewer);
    expect(first.status).toBe(200);
    expect(first.headers.get(CACHE_HEADER)).toBe("miss");
    const firstBody = await first.text();
    expect(JSON.parse(firstBody)).toEqual({ result: { data: JSON.parse(JSON.stringify(direct)) as unknown } });
    expect(direct.series[0]!.run).toEqual(RUNS);

    const second = await handleTrpcRequest(new Request(`http://x${seriesPath}`), viewer);
    expect(second.headers.get(CACHE_HEADER)).toBe("hit");
    expect(await second.text()).toBe(firstBody);

    const before = routeCalls;
    const viaServer = await fetch(`${origin}${seriesPath}`);
    expect(viaServer.headers.get(CACHE_HEADER)).toBe("hit");
    expect(viaServer.headers.get("content-length")).toBe(String(Buffer.byteLength(firstBody)));
    expect(await viaServer.text()).toBe(firstBody);
    expect(routeCalls).toBe(before);
  });

  it("sees a change of the data behind an answer in the very next request", async () => {
    await fetch(`${origin}${seriesPath}`).then((r) => r.arrayBuffer());
    await until("a hit", async () => (await fetch(`${origin}${seriesPath}`)).headers.get(CACHE_HEADER) === "hit");
    await importOmsRecords(db, [omsRun(RUNS[1]!, startOf(1), { delivered_lumi: 77.5 })], "test");
    const after = await fetch(`${origin}${seriesPath}`);
    expect(after.headers.get(CACHE_HEADER)).toBe("miss");
    const body = (await after.json()) as { result: { data: { runs: { deliveredLumi: number[] } } } };
    expect(body.result.data.runs.deliveredLumi).toEqual([10, 77.5, 12]);
  });

  it("never keeps a refusal, and leaves streams and other procedures to tRPC", async () => {
    const bad = `/api/trpc/trends.series?input=${encodeURIComponent(JSON.stringify({ ...input, metrics: [] }))}`;
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${origin}${bad}`);
      expect(res.status).toBe(400);
      expect(res.headers.get(CACHE_HEADER)).toBeNull();
      expect(await res.text()).toContain("metrics");
    }
    const before = routeCalls;
    const withHealth = `/api/trpc/trends.series,health.me?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: input }))}`;
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${origin}${withHealth}`);
      expect(res.status).toBe(200);
      expect(res.headers.get(CACHE_HEADER)).toBeNull();
    }
    const malformed = await fetch(`${origin}/api/trpc/trends.series%E0%A4?input=%7B%7D`);
    expect(malformed.status).toBeGreaterThanOrEqual(400);
    expect(malformed.status).toBeLessThan(500);
    expect(malformed.headers.get(CACHE_HEADER)).toBeNull();
    const streamed = await fetch(`${origin}${seriesPath}`, { headers: { "trpc-accept": "application/jsonl" } });
    expect(streamed.headers.get(CACHE_HEADER)).toBeNull();
    await streamed.arrayBuffer();
    expect(routeCalls).toBe(before + 4);
  });

  it("keeps the answers of batches of cacheable queries, as tRPC's batch link sends them", async () => {
    const batchPath = `/api/trpc/trends.series,trends.tree?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: input }))}`;
    const first = await fetch(`${origin}${batchPath}`);
    const body = await first.text();
    const [series, tree] = JSON.parse(body) as [{ result: { data: { series: { run: number[] }[] } } }, { result: { data: { subsystems: unknown[] } } }];
    expect(series.result.data.series[0]!.run).toEqual(RUNS);
    expect(tree.result.data.subsystems.length).toBeGreaterThan(0);
    const before = routeCalls;
    const again = await fetch(`${origin}${batchPath}`);
    expect(again.headers.get(CACHE_HEADER)).toBe("hit");
    expect(await again.text()).toBe(body);
    expect(routeCalls).toBe(before);
  });
});
