/**
 * The probes of issue 11 as regression tests, through real HTTP (the body cap, the front cache
 * and the tRPC route as the web server mounts them) on the real database: each answers 4xx
 * quickly, names the field or limit, leaves the server's memory where it was and writes nothing.
 */
import { request as httpRequest } from "node:http";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDqmflowClient } from "../trpc/client";
import { startApiTestServer, type ApiTestServer } from "../http/test-server";
import { testServices } from "../testing/integration";
import { importOmsRecords } from "../ingest/oms-import";
import { forgetRuns, omsRun } from "../ingest/test-support";
import { apiFailure } from "./api-errors";
import { INT4_MAX, MAX_BODY_BYTES, MAX_CELLS_PER_HISTOGRAM, MAX_CELLS_PER_REQUEST, MAX_TRPC_BATCH } from "./limits";
import { tableCounts } from "./table-counts";

const services = testServices();
const db = services.db;
let api: ApiTestServer;
const RUN = 990_871;

/** Bounds of this test, generous for a shared 2-core machine: each probe must be refused well within them. */
const QUICK_MS = 3_000;
const HEAP_BOUND = 48 * 1024 * 1024;

interface Answer {
  status: number;
  body: string;
  ms: number;
  grewBytes: number;
}

function memory(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Sends one request and watches the process's memory while it is answered. */
async function probe(path: string, init: { method?: string; role?: string; body?: string } = {}): Promise<Answer> {
  const before = memory();
  let peak = before;
  const watch = setInterval(() => (peak = Math.max(peak, memory())), 2);
  const t0 = performance.now();
  try {
    const res = await fetch(`${api.origin}${path}`, {
      method: init.method ?? (init.body !== undefined ? "POST" : "GET"),
      headers: { "x-dqmflow-role": init.role ?? "viewer", "content-type": "application/json" },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    const body = await res.text();
    return { status: res.status, body, ms: performance.now() - t0, grewBytes: Math.max(peak, memory()) - before };
  } finally {
    clearInterval(watch);
  }
}

/**
 * POSTs up to 60 MiB of 'x' in 1 MiB chunks (one buffer, written again and again, so the client
 * itself holds 1 MiB), with a Content-Length or chunked; stops sending once the server answers.
 */
async function rawPost(path: string, opts: { contentLength: number | null }): Promise<Answer> {
  const before = memory();
  let peak = before;
  const watch = setInterval(() => (peak = Math.max(peak, memory())), 2);
  const t0 = performance.now();
  try {
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const headers: Record<string, string> = { "content-type": "application/json", "x-dqmflow-role": "viewer" };
      if (opts.contentLength !== null) headers["content-length"] = String(opts.contentLength);
      const req = httpRequest(`${api.origin}${path}`, { method: "POST", headers }, (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      // The server closes the connection after its 413; a write after that may fail, which is expected.
      req.on("error", (err) => (answered ? undefined : reject(err)));
      const chunk = Buffer.alloc(1024 * 1024, 0x78);
      let sent = 0;
      let answered = false;
      req.on("response", () => (answered = true));
      const pump = () => {
        while (sent < 60 && !answered) {
          sent++;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
    return { status, body, ms: performance.now() - t0, grewBytes: Math.max(peak, memory()) - before };
  } finally {
    clearInterval(watch);
  }
}

const q = (procedure: string, input: unknown) => `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;

function th1(nbins: number) {
  return { _typename: "TH1F", fName: "h", fXaxis: { fNbins: nbins, fXmin: 0, fXmax: 1 }, fArray: { $arr: "Float32", len: nbins + 2 }, fEntries: 0 };
}

function expectQuickRefusal(a: Answer, status: number, text: RegExp) {
  expect(a.status, a.body).toBe(status);
  expect(a.body).toMatch(text);
  expect(a.ms).toBeLessThan(QUICK_MS);
  expect(a.grewBytes).toBeLessThan(HEAP_BOUND);
}

beforeAll(async () => {
  api = await startApiTestServer(services);
  await forgetRuns(db, [RUN]);
  await importOmsRecords(db, [omsRun(RUN, "2026-05-01T00:00:00Z")], "test");
});

afterAll(async () => {
  await forgetRuns(db, [RUN]);
  await api.close();
  await services.close();
});

describe("issue 11 probes answer 4xx quickly, in bounded memory, writing nothing", () => {
  it("a 1e7-bin histogram in a ~200-byte request is refused before allocation", async () => {
    const path = q("compare.run", { test: "Chi2", data: th1(1e7) });
    expect(path.length).toBeLessThan(400);
    const a = await probe(path);
    expectQuickRefusal(a, 400, new RegExp(`data: .*at most ${MAX_CELLS_PER_HISTOGRAM}`));
  });

  it("1 + 16 histograms of 1e6 bins pass the per-histogram limit but not the per-request one", async () => {
    const h = th1(MAX_CELLS_PER_HISTOGRAM - 2);
    const a = await probe(q("compare.run", { test: "Chi2", data: h, references: Array.from({ length: 16 }, () => h) }));
    expectQuickRefusal(a, 400, new RegExp(`references\\[1\\]: .*${MAX_CELLS_PER_REQUEST} cells per request`));
  });

  it("a 1 MB dataset name never reaches the run's workflow", async () => {
    const a = await probe("/api/trpc/certification.requestReprocessing", { role: "expert", body: JSON.stringify({ runNumber: RUN, campaign: "ReReco9", dataset: `/ZeroBias/${"x".repeat(1_000_000)}/DQMIO` }) });
    expectQuickRefusal(a, 400, /dataset: must be at most 500 characters/);
    const handle = (await services.temporal()).workflow.getHandle(`certify-run-${RUN}`);
    await expect(handle.describe()).rejects.toThrow(/not found/i);
  });

  it("a run number of 2^31 is a 400 naming the field, in procedures and trend selections", async () => {
    expectQuickRefusal(await probe(q("certification.run", { runNumber: 2 ** 31 })), 400, new RegExp(`runNumber: must be at most ${INT4_MAX}`));
    const trend = { subsystem: "Muons", primaryDataset: "ZeroBias", processingString: "X", metrics: ["m"], selection: { kind: "list", runs: [2 ** 31] } };
    expectQuickRefusal(await probe(q("trends.series", trend)), 400, new RegExp(`selection.runs.0: must be at most ${INT4_MAX}`));
  });

  it("a NUL byte is a 400 and no short link is written", async () => {
    const before = await tableCounts(db);
    const a = await probe("/api/trpc/links.create", { body: JSON.stringify({ path: "/trends?x=\u0000" }) });
    expectQuickRefusal(a, 400, /path: contains a NUL character/);
    expect(await tableCounts(db)).toEqual(before);
  });

  it("a 60 MB body declared by Content-Length is refused with 413 before it is read", async () => {
    const a = await rawPost("/api/trpc/links.create", { contentLength: 60 * 1024 * 1024 });
    expectQuickRefusal(a, 413, new RegExp(`declares 62914560 bytes .*at most 16 MiB \\(${MAX_BODY_BYTES} bytes\\)`));
  });

  it("a 60 MB chunked body is refused with 413 once it passes the limit", async () => {
    const a = await rawPost("/api/trpc/links.create", { contentLength: null });
    expectQuickRefusal(a, 413, /passed 16 MiB while streaming/);
  });

  it(`a batch of 500 links.create is refused whole (at most ${MAX_TRPC_BATCH} calls)`, async () => {
    const before = await tableCounts(db);
    const paths = Array.from({ length: 500 }, () => "links.create").join(",");
    const inputs = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [String(i), { path: `/trends?probe=${i}` }]));
    const a = await probe(`/api/trpc/${paths}?batch=1`, { body: JSON.stringify(inputs) });
    expect(a.status).toBeGreaterThanOrEqual(400);
    expect(a.status).toBeLessThan(500);
    expect(a.body).toMatch(new RegExp(`a batch has at most ${MAX_TRPC_BATCH} calls`));
    expect(await tableCounts(db)).toEqual(before);
  });

  it("a golden JSON of 700 runs is POSTed by the client and answered, not refused by the URL length", async () => {
    const json: Record<string, [number, number][]> = Object.fromEntries(Array.from({ length: 700 }, (_, i) => [String(300_000 + i * 3), [[1, 100], [120, 450]]]));
    const input = { subsystem: "Muons", primaryDataset: "ZeroBias", processingString: "NoSuchPS", metrics: ["Z_peak_mass"], selection: { kind: "golden" as const, json } };
    expect(q("trends.series", input).length).toBeGreaterThan(16 * 1024);
    const client = createDqmflowClient(`${api.origin}/api/trpc`, () => ({ "x-dqmflow-role": "viewer" }));
    // The selection itself is accepted: what comes back is about the data (no such series), not the request's size.
    const err = await client.trends.series.query(input).then(
      () => null,
      (e: unknown) => e as { data?: { httpStatus?: number }; message: string },
    );
    if (err) {
      expect(err.data?.httpStatus).toBe(404);
      expect(err.message).not.toMatch(/431|URL|too large/i);
    }
  });

  it("setReference refuses a run that does not exist, and writes nothing", async () => {
    const before = await tableCounts(db);
    const a = await probe("/api/trpc/certification.setReference", { role: "expert", body: JSON.stringify({ runClass: "Collisions", referenceRun: 999_999_998 }) });
    expectQuickRefusal(a, 404, /referenceRun: no run 999999998/);
    expect(await tableCounts(db)).toEqual(before);
  });

  it("goldenJson.create refuses an unknown rule and an inverted run range before starting anything", async () => {
    const unknown = await probe("/api/trpc/goldenJson.create", { role: "shifter", body: JSON.stringify({ ruleName: "no-such-rule-x", requestId: "probe-000001" }) });
    expectQuickRefusal(unknown, 404, /unknown golden-JSON rule/);
    const inverted = await probe("/api/trpc/goldenJson.create", { role: "shifter", body: JSON.stringify({ ruleName: "r", runFrom: 5, runTo: 4, requestId: "probe-000002" }) });
    expectQuickRefusal(inverted, 400, /runTo: runTo must not be before runFrom/);
  });

  it("a stored rule the workflow could not run is refused before the workflow starts", async () => {
    const name = `probe-old-rule-${Date.now()}`;
    await db.insertInto("golden_rule").values({ name, version: 1, logic: JSON.stringify({ "==": [{ var: "oms.energy" }, 6800] }), dataset_pattern: "%", created_by: "probe" }).execute();
    try {
      const requestId = `probe-${Date.now()}`;
      const a = await probe("/api/trpc/goldenJson.create", { role: "shifter", body: JSON.stringify({ ruleName: name, requestId }) });
      expectQuickRefusal(a, 412, /reads .*oms\.energy.*save a new version/);
      await expect((await services.temporal()).workflow.getHandle(`golden-json-${requestId}`).describe()).rejects.toThrow(/not found/i);
    } finally {
      await db.deleteFrom("golden_rule").where("name", "=", name).execute();
    }
  });

  it("a rule reading facts the workflow does not have is refused when saved", async () => {
    const a = await probe("/api/trpc/goldenJson.createRule", { role: "expert", body: JSON.stringify({ name: "probe-rule", logic: { "==": [{ var: "secret.thing" }, 1] }, datasetPattern: "%" }) });
    expectQuickRefusal(a, 400, /logic: the rule reads .*secret\.thing/);
  });

  it("real database and Temporal failures map to typed errors without their own text", async () => {
    const tooBig = await sql`select ${2 ** 31}::int4`.execute(db).catch((e: unknown) => e);
    expect(apiFailure(tooBig)).toEqual({ code: "BAD_REQUEST", message: expect.stringMatching(/outside the range/) as unknown });
    const nul = await sql`select ${"a\u0000b"}::text`.execute(db).catch((e: unknown) => e);
    expect(apiFailure(nul)?.code).toBe("BAD_REQUEST");
    const missing = await (await services.temporal()).workflow.getHandle("no-such-workflow-for-probes").describe().catch((e: unknown) => e);
    expect(apiFailure(missing)?.code).toBe("NOT_FOUND");
  });
});
