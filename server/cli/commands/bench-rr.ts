/**
 * `dqmflow bench rr [--runs N] [--ls L] [--page-size P] [--repeat K] [--json] [--keep]`:
 * CMS's `runregistry` client (3.1.2, .tools/py) calling `get_runs` with a triplet filter that
 * matches all N runs (default 5,000, L = 100 lumisections, seven components flagged per run),
 * through the /rr router served in-process, against the same compiled query (same WHERE, same
 * order) run as bare SQL over pg. Runs in a scratch schema; reports runs/s and the ratio, for
 * the first call (every triplet summary computed) and for the calls after it (summaries reused).
 * Then the client's floor: the same calls answered from memory by a replay of the router's own
 * answers (what any server that answered instantly would cost the client: its HTTP requests, a
 * new connection each, and its JSON), so the gap to the goal is split into server and client.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify, parseArgs } from "node:util";
import express from "express";
import { sql } from "kysely";
import { createAppServices } from "../../app-services";
import { config, parseConfig } from "../../config/config";
import { compileListing, pageRequest } from "../../rr/filtered-query";
import { createRrRouter } from "../../rr/rr-router";
import { createDb, type Db } from "../../../db/pool";
import type { CliCommand } from "../main";
import { benchUrl, dropBenchSchema, percentile } from "./bench-support";

const SCHEMA = "dqmflow_bench_rr";
const TABLES = ["run", "lumisection", "dataset", "cert_run", "cert_dataset", "cert_flag", "cert_audit"];
const COMPONENTS = ["tracker-pixel", "tracker-strip", "dt-dt", "csc-csc", "ecal-ecal", "hcal-hcal", "l1t-l1tmu"];
const BASE = 400_000;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

async function createSchema(url: string): Promise<Db> {
  await dropBenchSchema(url, SCHEMA);
  const admin = createDb(url, 1);
  try {
    await sql`create schema ${sql.raw(SCHEMA)}`.execute(admin);
    for (const t of TABLES) await sql`create table ${sql.raw(`${SCHEMA}.${t}`)} (like public.${sql.raw(t)} including defaults including constraints including generated including indexes)`.execute(admin);
  } finally {
    await admin.destroy();
  }
  return createDb(benchUrl(url, SCHEMA), 4);
}

/** N OPEN runs of L lumisections; every component GOOD on all of them, dt-dt BAD on 40–49 of even runs, tracker-strip STANDBY on 1–10 of every third. */
async function seed(db: Db, runs: number, ls: number): Promise<void> {
  const idx = Array.from({ length: runs }, (_, i) => i);
  for (let i = 0; i < runs; i += 200) {
    const chunk = idx.slice(i, i + 200);
    await db.insertInto("run").values(chunk.map((k) => ({ run_number: BASE + k, start_time: new Date(Date.UTC(2026, 0, 1) + k * 3_600_000), run_class: "Collisions" as const, ls_count: ls, b_field: 3.8, beam_energy: 6800, recorded_lumi: ls * 0.1, significant: true, hlt_key: `/cdaq/physics/v${k % 5}` }))).execute();
    await db.insertInto("cert_run").values(chunk.map((k) => ({ run_number: BASE + k, run_class: "Collisions", state: "OPEN", stage: "online" as const, cert_status: "awaiting-signoff", workflow_id: `certify-run-${BASE + k}`, ls_count: ls, last_error: null }))).execute();
    const flag = (k: number, component: string, first: number, last: number, status: string, comment = "") => ({ run_number: BASE + k, dataset_name: "online", component, first_ls: first, last_ls: last, status, cause: "", comment, origin_kind: "rule", origin_name: "bench", undo_of: null, created_by: "bench", idempotency_key: null });
    await db
      .insertInto("cert_flag")
      .values([
        ...chunk.flatMap((k) => COMPONENTS.map((c) => flag(k, c, 1, ls, "GOOD"))),
        ...chunk.filter((k) => k % 2 === 0).map((k) => flag(k, "dt-dt", Math.min(40, ls), Math.min(49, ls), "BAD", "bench noise")),
        ...chunk.filter((k) => k % 3 === 0).map((k) => flag(k, "tracker-strip", 1, Math.min(10, ls), "STANDBY")),
      ])
      .execute();
  }
  await sql`analyze`.execute(db);
}

interface ClientTiming {
  ok: boolean;
  seconds: number;
  value?: unknown[];
  message?: string;
}

async function runClient(apiUrl: string, filter: unknown, pageSize: number, repeat: number): Promise<ClientTiming[]> {
  const out = path.join(mkdtempSync(path.join(tmpdir(), "bench-rr-")), "out.json");
  const calls = Array.from({ length: repeat }, () => ({ as: "viewer", fn: "get_runs", kwargs: { filter, page_size: pageSize } }));
  const child = promisify(execFile)(path.join(root, ".tools/py/bin/python"), [path.join(root, "server/rr/rr-client-driver.py")], { env: { ...process.env, HOME: process.env.HOME ?? tmpdir(), ENVIRONMENT: "local" }, maxBuffer: 256 << 20 });
  child.child.stdin?.end(JSON.stringify({ urls: { viewer: apiUrl }, out, calls }));
  await child;
  return JSON.parse(readFileSync(out, "utf8")) as ClientTiming[];
}

/** Answers each distinct request (method, path, body) with what `target` answered it the first time. */
function replayServer(target: string): Server {
  const memory = new Map<string, { status: number; type: string; body: Buffer }>();
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const key = `${req.method} ${req.url} ${body.toString()}`;
      const send = (a: { status: number; type: string; body: Buffer }) => res.writeHead(a.status, { "content-type": a.type, "content-length": a.body.length }).end(a.body);
      const known = memory.get(key);
      if (known) return send(known);
      fetch(`${target}${req.url}`, { method: req.method, headers: { "content-type": req.headers["content-type"] ?? "application/json" }, ...(body.length ? { body } : {}) })
        .then(async (r) => {
          const answer = { status: r.status, type: r.headers.get("content-type") ?? "application/json", body: Buffer.from(await r.arrayBuffer()) };
          memory.set(key, answer);
          send(answer);
        })
        .catch((err: unknown) => res.writeHead(502).end(String(err)));
    });
  });
}

export const benchRrCommand: CliCommand = {
  summary: "runregistry client get_runs with a triplet filter via /rr vs the same query as bare SQL",
  async run(args) {
    const { values } = parseArgs({ args, options: { runs: { type: "string", default: "5000" }, ls: { type: "string", default: "100" }, "page-size": { type: "string", default: "50" }, repeat: { type: "string", default: "3" }, json: { type: "boolean", default: false }, keep: { type: "boolean", default: false } } });
    const runs = Number(values.runs);
    const ls = Number(values.ls);
    const pageSize = Number(values["page-size"]);
    const repeat = Number(values.repeat);
    const cfg = config();
    const url = cfg.DATABASE_URL;
    const db = await createSchema(url);
    const services = createAppServices(parseConfig({ ...process.env, DATABASE_URL: benchUrl(url, SCHEMA), TREND_CACHE: "off" }));
    const server = createServer(express().use("/rr", createRrRouter(services, COMPONENTS)));
    let replay: Server | undefined;
    try {
      const t0 = performance.now();
      await seed(db, runs, ls);
      const seedS = (performance.now() - t0) / 1000;
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rr`;
      const userFilter = { run_number: { and: [{ ">=": BASE }, { "<": BASE + runs }] }, "tracker-pixel": "GOOD" };
      // The body the client sends for it (RUNREGISTRY-API.md §4.3), compiled exactly as the router compiles it.
      const sentFilter = { run_number: { and: [{ ">=": BASE }, { "<": BASE + runs }] }, "triplet_summary.tracker-pixel.GOOD": { ">": 0 } };
      const { where } = compileListing("runs", pageRequest({ filter: sentFilter }));
      const bare = services.db.selectFrom("run as r").leftJoin("cert_run as cr", "cr.run_number", "r.run_number").where(where).selectAll("r").select(["cr.state", "cr.ls_count as cert_ls"]).orderBy("r.run_number", "desc");
      // The same query also bringing every flag version the answer's triplet summaries are made of.
      const bareWithFlags = bare.select(
        sql`(select json_agg(f order by f.id) from (select id, component, first_ls, last_ls, status, cause, comment, undo_of from cert_flag where run_number = r.run_number and dataset_name = 'online') f)`.as("flags"),
      );
      const bareTimes: number[] = [];
      const fullTimes: number[] = [];
      let bareRows = 0;
      for (let k = 0; k < repeat; k++) {
        let s = performance.now();
        bareRows = (await bare.execute()).length;
        bareTimes.push((performance.now() - s) / 1000);
        s = performance.now();
        await bareWithFlags.execute();
        fullTimes.push((performance.now() - s) / 1000);
      }
      fullTimes.sort((a, b) => a - b);
      const client = await runClient(apiUrl, userFilter, pageSize, repeat);
      const failed = client.find((c) => !c.ok);
      if (failed) throw new Error(`client failed: ${failed.message ?? "?"}`);
      const clientRows = client[0]?.value?.length ?? 0;
      // The first call computes every triplet summary; later ones reuse those whose flags did not change.
      const coldS = client[0]!.seconds;
      const clientTimes = client.slice(repeat > 1 ? 1 : 0).map((c) => c.seconds).sort((a, b) => a - b);
      bareTimes.sort((a, b) => a - b);
      const clientS = percentile(clientTimes, 50);
      // The client's floor: the same calls, the router's answers replayed from memory.
      replay = replayServer(apiUrl);
      await new Promise<void>((r) => replay!.listen(0, "127.0.0.1", r));
      const replayUrl = `http://127.0.0.1:${(replay.address() as AddressInfo).port}`;
      const floorCalls = await runClient(replayUrl, userFilter, pageSize, repeat + 1);
      if (floorCalls.some((c) => !c.ok || c.value?.length !== clientRows)) throw new Error("the replayed answers did not give the client the same runs");
      const floorS = percentile(floorCalls.slice(1).map((c) => c.seconds).sort((a, b) => a - b), 50);
      const bareS = percentile(bareTimes, 50);
      const fullS = percentile(fullTimes, 50);
      const result = { runs, ls, components: COMPONENTS.length, pageSize, pages: Math.ceil(clientRows / pageSize), repeat, seedS, clientRows, bareRows, clientS, bareS, clientRunsPerS: clientRows / clientS, bareRunsPerS: bareRows / bareS, ratio: clientRows / clientS / (bareRows / bareS), bareWithFlagsS: fullS, ratioWithFlags: fullS / clientS, clientColdS: coldS, ratioCold: clientRows / coldS / (bareRows / bareS), clientFloorS: floorS, ratioFloor: clientRows / floorS / (bareRows / bareS) };
      if (values.json) console.log(JSON.stringify(result));
      else {
        console.log(`bench rr: ${runs} runs × ${ls} LS × ${COMPONENTS.length} components (seeded in ${seedS.toFixed(1)} s), filter {run range, "tracker-pixel": "GOOD"}, median of ${repeat}`);
        console.log(`  runregistry get_runs via /rr (page_size ${pageSize}, ${result.pages} pages), first call: ${clientRows} runs in ${coldS.toFixed(3)} s = ${(clientRows / coldS).toFixed(0)} runs/s`);
        console.log(`  runregistry get_runs via /rr, again (median of ${Math.max(1, repeat - 1)}):        ${clientRows} runs in ${clientS.toFixed(3)} s = ${result.clientRunsPerS.toFixed(0)} runs/s`);
        console.log(`  same query as bare SQL (pg, one statement):            ${bareRows} runs in ${bareS.toFixed(3)} s = ${result.bareRunsPerS.toFixed(0)} runs/s`);
        console.log(`  same query + the flag versions of each run (bare SQL):  ${bareRows} runs in ${fullS.toFixed(3)} s = ${(bareRows / fullS).toFixed(0)} runs/s`);
        console.log(`  client floor: the same calls answered from memory:    ${clientRows} runs in ${floorS.toFixed(3)} s = ${(clientRows / floorS).toFixed(0)} runs/s (${(((clientS - floorS) / clientS) * 100).toFixed(0)} % of "again" is dqmflow's server side)`);
        console.log(`  ratio client / bare SQL: first call ${result.ratioCold.toFixed(2)}×, again ${result.ratio.toFixed(2)}× (goal ≥ 0.5×); again / bare SQL with flags: ${result.ratioWithFlags.toFixed(2)}×; floor / bare SQL: ${result.ratioFloor.toFixed(2)}× (the best any server could give this client)`);
      }
      return clientRows === bareRows && clientRows === runs ? 0 : 1;
    } finally {
      await new Promise((r) => server.close(r));
      if (replay) await new Promise((r) => replay!.close(r));
      await services.close();
      await db.destroy();
      if (!values.keep) await dropBenchSchema(url, SCHEMA);
    }
  },
};
