/**
 * CMS's own `runregistry` client (3.1.2, from .tools/py, unchanged) against the /rr router on
 * real TimescaleDB and Temporal: reads on seeded runs with exact answers, writes through the
 * certification workflow behind an SSO-like proxy that adds RR's `email`/`egroups` headers,
 * and hostile filters over raw HTTP.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../app-services";
import { auditTrail } from "../certification/audit.repository";
import { runCertificationDetail } from "../certification/board.query";
import { signOff, startCertification } from "../certification/certification.service";
import { identityOf, testServices } from "../testing/integration";
import { eventually, seedRun, startCertWorker, testConfig } from "../../workflows/certification/testing/cert-test-kit";
import { certificationQuery, certifyRunWorkflowId } from "../../workflows/certification/certify-run.messages";
import { createRrRouter } from "./rr-router";
import { removeRrSeason, seedRrSeason, type RrSeason } from "./testing/rr-seed";

const execFileP = promisify(execFile);
const PYTHON = path.resolve(import.meta.dirname, "../../.tools/py/bin/python");
const DRIVER = path.resolve(import.meta.dirname, "rr-client-driver.py");
const COMPONENTS = ["tracker-pixel", "tracker-strip", "dt-dt", "csc-csc", "ecal-ecal", "hcal-hcal", "l1t-l1tmu"];

let services: AppServices;
let localServices: AppServices;
let worker: Awaited<ReturnType<typeof startCertWorker>>;
const servers: Server[] = [];
let rrUrl: string;
let localUrl: string;
const urls: Record<string, string> = {};
let season: RrSeason;

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const s = createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

/** An SSO-proxy stand-in: forwards to the router with RR's identity headers set (as nginx does). */
function proxyAs(target: string, email: string, egroups: string) {
  const t = new URL(target);
  return listen((req, res) => {
    const headers = { ...req.headers, email, egroups };
    const up = request({ host: t.hostname, port: t.port, path: `${t.pathname.replace(/\/$/, "")}${req.url}`, method: req.method, headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    req.pipe(up);
  });
}

interface CallResult {
  ok: boolean;
  value?: unknown;
  error?: string;
  message?: string;
}

async function client(calls: { as?: string; fn: string; args?: unknown[]; kwargs?: Record<string, unknown> }[]): Promise<CallResult[]> {
  const out = path.join(mkdtempSync(path.join(tmpdir(), "rr-")), "out.json");
  const child = execFileP(PYTHON, [DRIVER], { env: { ...process.env, HOME: tmpdir(), ENVIRONMENT: "local" }, maxBuffer: 64 << 20, timeout: 120_000 });
  child.child.stdin?.end(JSON.stringify({ urls, out, calls }));
  await child;
  return JSON.parse(readFileSync(out, "utf8")) as CallResult[];
}

async function one(call: Parameters<typeof client>[0][number]): Promise<CallResult> {
  return (await client([call]))[0]!;
}

beforeAll(async () => {
  const base = testServices();
  worker = await startCertWorker(base);
  await base.close();
  services = testServices({ AUTH_MODE: "proxy", TEMPORAL_TASK_QUEUE: worker.taskQueue });
  localServices = testServices({ AUTH_MODE: "local", TEMPORAL_TASK_QUEUE: worker.taskQueue });
  const app = express().use("/rr", createRrRouter(services, COMPONENTS));
  rrUrl = `${await listen(app)}/rr`;
  localUrl = `${await listen(express().use("/rr", createRrRouter(localServices, COMPONENTS)))}/rr`;
  urls.viewer = await proxyAs(rrUrl, "viewer@cern.ch", "cms-dqm-viewers");
  urls.shifter = await proxyAs(rrUrl, "shifter@cern.ch", "cms-dqm-shifters");
  urls.expert = await proxyAs(rrUrl, "expert@cern.ch", "cms-dqm-experts,other-group");
  urls.direct = rrUrl;
  season = await seedRrSeason(services.db);
});

afterAll(async () => {
  if (season) await removeRrSeason(services.db, season);
  for (const s of servers) await new Promise((r) => s.close(r));
  await worker?.stop();
  await services?.close();
  await localServices?.close();
});

const range = (s: RrSeason) => ({ run_number: { and: [{ ">=": s.base }, { "<=": s.base + 59 }] } });
const runNumbers = (r: CallResult) => (r.value as { run_number: number }[]).map((x) => x.run_number);
const offsets = (r: CallResult, s: RrSeason) => runNumbers(r).map((n) => n - s.base).sort((a, b) => a - b);
const seq = (n: number, f: (i: number) => boolean = () => true) => Array.from({ length: n }, (_, i) => i).filter(f);

describe("runregistry 3.1.2 client against /rr", () => {
  it("reads runs with RR's filters, paging, and both row shapes", async () => {
    const s = season;
    const [all, bad, strip, cosmicsBad, like, nested, run5, unknown, raw, uncompressed] = await client([
      { fn: "get_runs", kwargs: { filter: range(s) } },
      { fn: "get_runs", kwargs: { filter: { ...range(s), "dt-dt": "BAD" } } },
      { fn: "get_runs", kwargs: { filter: { ...range(s), "tracker-strip": "GOOD" } } },
      { fn: "get_runs", kwargs: { filter: { ...range(s), class: "Cosmics", "dt-dt": "BAD" } } },
      { fn: "get_runs", kwargs: { filter: { ...range(s), hlt_key: { like: "%V1" } } } },
      { fn: "get_runs", kwargs: { ignore_filter_transformation: true, filter: { ...range(s), or: [{ "rr_attributes.class": { "=": "Cosmics" } }, { "triplet_summary.dt-dt.BAD": { ">": 0 } }] } } },
      { fn: "get_run", args: [s.base + 5] },
      { fn: "get_run", args: [s.base + 1000] },
      { fn: "get_runs", kwargs: { ignore_filter_transformation: true, filter: { and: [{ run_number: { "=": String(s.base + 8) } }], "rr_attributes.significant": true, "oms_attributes.b_field": { ">=": 3.7 } } } },
      { fn: "get_runs", kwargs: { filter: { run_number: s.base + 3 }, compress_attributes: false } },
    ]);
    expect(all!.ok).toBe(true);
    expect(runNumbers(all!)).toEqual(seq(60).map((i) => s.base + 59 - i));
    expect(offsets(bad!, s)).toEqual([...seq(60, (i) => i % 5 === 0), 11, 12].sort((a, b) => a - b));
    expect(offsets(strip!, s)).toEqual(seq(10));
    expect(offsets(cosmicsBad!, s)).toEqual([30, 35, 40, 45, 50, 55]);
    expect(offsets(like!, s)).toEqual(seq(60, (i) => i % 3 === 1));
    expect(offsets(nested!, s)).toEqual(seq(60, (i) => i >= 30 || i % 5 === 0 || i === 11 || i === 12));
    const [counts11, counts12, run11, run12] = await client([
      { fn: "get_runs", kwargs: { ignore_filter_transformation: true, filter: { ...range(s), "triplet_summary.dt-dt.BAD": { "=": 7 }, "triplet_summary.dt-dt.GOOD": 3 } } },
      { fn: "get_runs", kwargs: { ignore_filter_transformation: true, filter: { ...range(s), "triplet_summary.dt-dt.BAD": { ">=": 10 } } } },
      { fn: "get_run", args: [s.base + 11] },
      { fn: "get_run", args: [s.base + 12] },
    ]);
    expect(offsets(counts11!, s)).toEqual([11]);
    expect(offsets(counts12!, s)).toEqual([12]);
    expect((run11!.value as { lumisections: Record<string, unknown> }).lumisections["dt-dt"]).toMatchObject({ GOOD: 3, BAD: 7, EMPTY: 0 });
    expect((run12!.value as { lumisections: Record<string, unknown> }).lumisections["dt-dt"]).toMatchObject({ GOOD: 0, BAD: 10 });
    const r5 = run5!.value as Record<string, unknown>;
    expect(Object.keys(r5).sort()).toEqual(["cert_status", "class", "deleted", "lumisections", "oms_attributes", "run_number", "significant", "stage", "state", "version"]);
    expect(r5).toMatchObject({ run_number: s.base + 5, class: "Collisions", state: "OPEN", significant: true, oms_attributes: { b_field: 0, energy: 6500, fill_number: 9005, hlt_key: "/cdaq/physics/v2" } });
    expect((r5.lumisections as Record<string, Record<string, unknown>>)["dt-dt"]).toEqual({ GOOD: 7, BAD: 3, STANDBY: 0, EXCLUDED: 0, NOTSET: 0, EMPTY: 0, "NO VALUE FOUND": 0, comments: ["noise in MB1"], causes: ["chamber"] });
    expect(unknown).toEqual({ ok: true, value: {}, seconds: expect.any(Number) as number });
    expect(runNumbers(raw!)).toEqual([s.base + 8]);
    const u = (uncompressed!.value as Record<string, unknown>[])[0]!;
    expect(Object.keys(u).sort()).toEqual(["DatasetTripletCache", "deleted", "oms_attributes", "rr_attributes", "run_number", "version"]);
    expect(u.rr_attributes).toEqual({ class: "Collisions", state: "OPEN", significant: true, stage: "online", cert_status: "awaiting-signoff" });
  });

  it("reads datasets, dataset names, lumisections, cycles and accepted datasets", async () => {
    const s = season;
    const [ds, dsNone, dsFiltered, dsUncompressed, names, ranges, byComp, oms, omsRanges, lumis, joint, cycles, accepted] = await client([
      { fn: "get_dataset", args: [s.base, s.promptName] },
      { fn: "get_dataset", args: [s.base, "/PromptKikiriko/HELLOCosmics18Z/DQM"] },
      { fn: "get_datasets", kwargs: { filter: { dataset_name: { like: `%${s.base}%` }, global_state: { like: "open" }, "dt-dt": "BAD" } } },
      { fn: "get_datasets", kwargs: { filter: { run_number: s.base + 2, dataset_name: s.promptName }, compress_attributes: false } },
      { fn: "get_dataset_names_of_run", args: [s.base] },
      { fn: "get_lumisection_ranges", args: [s.base + 5] },
      { fn: "get_lumisection_ranges_by_component", args: [s.base + 5] },
      { fn: "get_oms_lumisections", args: [s.base] },
      { fn: "get_oms_lumisection_ranges", args: [s.base] },
      { fn: "get_lumisections", args: [s.base + 5] },
      { fn: "get_joint_lumisection_ranges", args: [s.base] },
      { fn: "get_cycles" },
      { fn: "get_datasets_accepted" },
    ]);
    expect(ds!.value).toMatchObject({ run_number: s.base, name: s.promptName, dataset_attributes: { global_state: "OPEN", dt_state: "OPEN", stage: "prompt" }, class: "Collisions", state: "OPEN" });
    expect(Object.keys(ds!.value as object)).not.toContain("Run");
    expect(dsNone!.value).toEqual({});
    expect((dsFiltered!.value as { run_number: number }[]).map((d) => d.run_number - s.base)).toEqual([1]);
    expect(Object.keys((dsUncompressed!.value as object[])[0]!)).toContain("Run");
    expect(names!.value).toEqual(["online", s.promptName]);
    const good = { status: "GOOD", comment: "", cause: "" };
    const empty = { status: "EMPTY", comment: "", cause: "" };
    const rest = { "csc-csc": empty, "ecal-ecal": empty, "hcal-hcal": empty, "l1t-l1tmu": empty, "tracker-pixel": empty, "tracker-strip": good };
    expect(ranges!.value).toEqual([
      { ...rest, "dt-dt": good, start: 1, end: 3 },
      { ...rest, "dt-dt": { status: "BAD", comment: "noise in MB1", cause: "chamber" }, start: 4, end: 6 },
      { ...rest, "dt-dt": good, start: 7, end: 10 },
    ]);
    expect((byComp!.value as Record<string, unknown>)["dt-dt"]).toEqual([
      { ...good, start: 1, end: 3 },
      { status: "BAD", comment: "noise in MB1", cause: "chamber", start: 4, end: 6 },
      { ...good, start: 7, end: 10 },
    ]);
    expect((oms!.value as object[]).length).toBe(10);
    expect((oms!.value as object[])[0]).toEqual({ bpix_ready: true, fpix_ready: true, beam1_stable: true, beam2_stable: true, recorded: 1, delivered: 1.1 });
    expect(omsRanges!.value).toEqual([
      { bpix_ready: true, fpix_ready: true, beam1_stable: true, beam2_stable: true, start: 1, end: 5 },
      { bpix_ready: true, fpix_ready: false, beam1_stable: true, beam2_stable: true, start: 6, end: 10 },
    ]);
    expect((lumis!.value as object[]).length).toBe(10);
    expect((joint!.value as { start: number; end: number }[]).map((r) => [r.start, r.end])).toEqual([[1, 3], [4, 5], [6, 6], [7, 10]]);
    expect(Array.isArray(cycles!.value)).toBe(true);
    expect((accepted!.value as Record<string, unknown>[]).find((a) => a.name === `Collisions prompt PromptReco/Collisions2026A-${s.base}`)).toMatchObject({ class: "Collisions", run_from: s.base, run_to: s.base + 4, enabled: true });
  });

  it("create_json runs the golden-JSON workflow and answers the hand-computed JSON", async () => {
    const s = season;
    const res = await one({ as: "shifter", fn: "create_json", args: [{ "==": [{ var: "lumisection.rr.dt-dt" }, "GOOD"] }, `/PromptReco/Collisions2026(A|B)-${s.base}/DQM`] });
    expect(res.ok).toBe(true);
    const json = res.value as Record<string, unknown>;
    expect(json.generated_json).toEqual({ [s.base]: [[1, 10]], [s.base + 1]: [[1, 2], [5, 10]], [s.base + 2]: [[1, 10]], [s.base + 3]: [[1, 10]], [s.base + 4]: [[1, 10]] });
    expect(json.generated_anti_json).toEqual({ [s.base + 1]: [[3, 4]] });
    expect(json).toMatchObject({ recorded_luminosity_in_json: 48, total_recorded_luminosity_lost: 2, created_by: "shifter@cern.ch" });
    const viewer = await one({ as: "viewer", fn: "create_json", args: [{ "==": [1, 1] }, s.promptName] });
    expect(viewer.ok).toBe(false);
  });

  it("writes go through the run's workflow, with RR's refusals and the web app's roles", async () => {
    const cfg = (ref: number) => testConfig(ref);
    const w1 = await seedRun(services.db);
    const w2 = await seedRun(services.db);
    await startCertification(worker.deps, w1.runNumber, cfg(w1.referenceRun));
    await startCertification(worker.deps, w2.runNumber, cfg(w2.referenceRun));
    const handle = async (n: number) => (await services.temporal()).workflow.getHandle(certifyRunWorkflowId(n));
    for (const n of [w1.runNumber, w2.runNumber]) await eventually(async () => ((await (await handle(n)).query(certificationQuery)).awaitingSignoff.includes("online") ? true : undefined), "online awaiting sign-off");

    const [viewerEdit, noComment, edit, ws, dsBack, viewerMove, move, again, refresh, reset, cls, significant] = await client([
      { as: "viewer", fn: "edit_rr_lumisections", args: [w1.runNumber, 1, 2, "dt-dt", "GOOD"] },
      { as: "shifter", fn: "edit_rr_lumisections", args: [w1.runNumber, 3, 4, "dt-dt", "BAD"] },
      { as: "shifter", fn: "edit_rr_lumisections", args: [w1.runNumber, 3, 4, "dt-dt", "BAD"], kwargs: { comment: "hot chamber", cause: "hv" } },
      { as: "shifter", fn: "move_datasets", args: ["OPEN", "SIGNOFF", "online"], kwargs: { workspace: "dt", run: w1.runNumber } },
      { as: "shifter", fn: "move_datasets", args: ["SIGNOFF", "OPEN", "online"], kwargs: { workspace: "dt", run: w1.runNumber } },
      { as: "viewer", fn: "move_runs", args: ["OPEN", "SIGNOFF"], kwargs: { run: w1.runNumber } },
      { as: "shifter", fn: "move_runs", args: ["OPEN", "SIGNOFF"], kwargs: { run: w1.runNumber } },
      { as: "shifter", fn: "move_runs", args: ["OPEN", "SIGNOFF"], kwargs: { run: w1.runNumber } },
      { as: "shifter", fn: "manually_refresh_components_statuses_for_runs", kwargs: { runs: w1.runNumber } },
      { as: "shifter", fn: "reset_RR_attributes_and_refresh_runs", kwargs: { runs: w1.runNumber } },
      { as: "shifter", fn: "change_run_class", kwargs: { run_numbers: w2.runNumber, new_class: "Cosmics22" } },
      { as: "shifter", fn: "make_significant_runs", kwargs: { run: w1.runNumber } },
    ]);
    expect(viewerEdit).toMatchObject({ ok: false, message: expect.stringMatching(/^Got response 401 .*User needs to be part of any of the following e-groups/) as string });
    expect(noComment).toMatchObject({ ok: false, message: expect.stringMatching(/Got response 500 .*a BAD flag needs a comment of at least 3 characters/) as string });
    expect(edit).toMatchObject({ ok: true, value: { run_number: w1.runNumber, component: "dt-dt", status: "BAD", lumisection_start: 3, lumisection_end: 4, by: "shifter@cern.ch" } });
    expect(ws).toMatchObject({ ok: true, value: [{ dataset_attributes: { dt_state: "SIGNOFF", global_state: "OPEN" } }] });
    expect(dsBack).toMatchObject({ ok: false, message: expect.stringMatching(/Got response 401/) as string });
    expect(viewerMove).toMatchObject({ ok: false, message: expect.stringMatching(/Got response 401 .*User needs to be part of/) as string });
    expect(move).toMatchObject({ ok: true, value: [{ run_number: w1.runNumber, rr_attributes: { state: "SIGNOFF" } }] });
    // The run's own components (its workflow's configuration), as the run page lists them; dt-dt 3–4 BAD from the edit above.
    const summary = (move!.value as { DatasetTripletCache: { triplet_summary: Record<string, Record<string, unknown>> } }[])[0]!.DatasetTripletCache.triplet_summary;
    expect(Object.keys(summary)).toEqual(["dt-dt", "tracker-pixel"]);
    expect(summary["dt-dt"]).toMatchObject({ BAD: 2, GOOD: w1.lsCount - 2, comments: expect.arrayContaining(["hot chamber", expect.stringMatching(/^auto:dt-shape: /) as string]) as string[], causes: expect.arrayContaining(["hv"]) as string[] });
    expect(again).toMatchObject({ ok: false, message: expect.stringContaining(`Run ${w1.runNumber} is already in state SIGNOFF`) as string });
    expect(refresh).toMatchObject({ ok: false, message: expect.stringContaining("Run must be in state OPEN to be refreshed") as string });
    expect(reset).toMatchObject({ ok: false, message: expect.stringContaining("Run must be in state OPEN to be refreshed") as string });
    expect(cls).toMatchObject({ ok: false, message: expect.stringMatching(/Got response 401/) as string });
    expect(significant).toMatchObject({ ok: false, message: expect.stringContaining("Run must be in state OPEN to be marked significant") as string });

    // The flag shows on the run page with its origin, and in the audit trail.
    const detail = await runCertificationDetail(services.db, () => services.temporal(), { url: "http://ui", namespace: "default" }, w1.runNumber);
    const online = detail.flags.find((f) => f.dataset === "online")!;
    expect(online.effective.find((e) => e.component === "dt-dt" && e.firstLs === 3)).toMatchObject({ lastLs: 4, status: "BAD", comment: "hot chamber", cause: "hv", origin: { kind: "person", name: "shifter@cern.ch" } });
    const audit = await auditTrail(services.db, w1.runNumber);
    expect(audit.filter((a) => a.kind === "flag-edit").map((a) => a.actor)).toEqual(["shifter@cern.ch"]);
    expect(audit.some((a) => a.kind === "signoff" && a.actor === "shifter@cern.ch")).toBe(true);
    expect(audit.some((a) => a.kind === "workspace-state" && a.actor === "shifter@cern.ch")).toBe(true);

    // On the OPEN run: significance, refreshes and an expert's class change succeed.
    await services.db.updateTable("run").set({ significant: false }).where("run_number", "=", w2.runNumber).execute();
    const [sig2, refresh2, reset2, class2] = await client([
      { as: "shifter", fn: "make_significant_runs", kwargs: { runs: [w2.runNumber] } },
      { as: "shifter", fn: "manually_refresh_components_statuses_for_runs", kwargs: { runs: [w2.runNumber] } },
      { as: "shifter", fn: "reset_RR_attributes_and_refresh_runs", kwargs: { runs: String(w2.runNumber) } },
      { as: "expert", fn: "change_run_class", kwargs: { run_numbers: [w2.runNumber], new_class: "Cosmics22" } },
    ]);
    expect(sig2).toMatchObject({ ok: true, value: [{ run_number: w2.runNumber, rr_attributes: { significant: true, state: "OPEN" } }] });
    expect(refresh2).toMatchObject({ ok: true, value: [{ run_number: w2.runNumber }] });
    expect(reset2).toMatchObject({ ok: true, value: [{ run_number: w2.runNumber }] });
    expect(class2).toMatchObject({ ok: true, value: [{ run_number: w2.runNumber, rr_attributes: { class: "Cosmics" } }] });
    const audit2 = await auditTrail(services.db, w2.runNumber);
    expect(audit2.filter((a) => ["mark-significant", "rr-refresh", "rr-reset-refresh", "class-change"].includes(a.kind)).map((a) => [a.kind, a.actor])).toEqual([
      ["mark-significant", "shifter@cern.ch"],
      ["rr-refresh", "shifter@cern.ch"],
      ["rr-reset-refresh", "shifter@cern.ch"],
      ["class-change", "expert@cern.ch"],
    ]);

    // A sign-off done in the web app shows in get_run at once; the class is then frozen.
    await signOff(worker.deps, identityOf("shifter"), { runNumber: w2.runNumber, stage: "online", comment: "fine" });
    const [afterWebSignoff, expertClass] = await client([
      { fn: "get_run", args: [w2.runNumber] },
      { as: "expert", fn: "change_run_class", kwargs: { run_numbers: w2.runNumber, new_class: "Collisions22" } },
    ]);
    expect(afterWebSignoff!.value).toMatchObject({ run_number: w2.runNumber, state: "SIGNOFF", class: "Cosmics" });
    expect(expertClass).toMatchObject({ ok: false, message: expect.stringContaining("Run must be in state OPEN to be edited") as string });
  });
});

describe("/rr refusals over raw HTTP", () => {
  async function post(url: string, body: string, headers: Record<string, string> = {}) {
    const started = Date.now();
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    return { status: res.status, body: (await res.json()) as Record<string, string>, ms: Date.now() - started };
  }

  it("answers bad filters with RR's 500 {err}, quickly", async () => {
    const url = `${rrUrl}/runs_filtered_ordered`;
    const cases: [string, RegExp][] = [
      [JSON.stringify({ filter: { run_number: { between: [1, 2] } } }), /unknown operator 'between'/],
      [JSON.stringify({ filter: { run_number: { "=": "abc" } } }), /compares numbers; "abc" is not a number/],
      [JSON.stringify({ filter: { "rr_attributes.class": { ">": 17 } } }), /compares text; 17 is not a string/],
      [JSON.stringify({ filter: { "oms_attributes.b_field": { like: "3%" } } }), /'like' needs a text attribute/],
      [JSON.stringify({ filter: { "oms_attributes.no_such": 1 } }), /unknown filter attribute 'oms_attributes.no_such'/],
      [`{"filter":${'{"and":['.repeat(10_000)}{}${"]}".repeat(10_000)}}`, /nested deeper than 32 levels/],
      [JSON.stringify({ filter: { "rr_attributes.class": "x".repeat(1 << 20) } }), /larger than the 512kb limit/],
      [JSON.stringify({ filter: { "rr_attributes.class": "x".repeat(5000) } }), /longer than 1000 characters/],
      ["{not json", /request body is not JSON/],
    ];
    for (const [body, message] of cases) {
      const r = await post(url, body);
      expect(r.status).toBe(500);
      expect(r.body.err).toMatch(message);
      expect(r.ms).toBeLessThan(2_000);
    }
  });

  it("answers json_portal's refusals as RR does", async () => {
    const shifter = { email: "shifter@cern.ch", egroups: "cms-dqm-shifters" };
    const gen = `${rrUrl}/json_portal/generate`;
    expect(await post(gen, JSON.stringify({ json_logic: "{not json", dataset_name_filter: "%" }), shifter)).toMatchObject({ status: 500, body: { err: "JSON logic sent is not in json format" } });
    expect(await post(gen, JSON.stringify({ json_logic: "{}", dataset_name_filter: "%" }), shifter)).toMatchObject({ status: 500, body: { err: "Empty json logic sent" } });
    expect(await post(gen, JSON.stringify({ json_logic: '{"==": [1, 1]}' }), shifter)).toMatchObject({ status: 500, body: { err: "No dataset name specified" } });
    expect(await post(gen, JSON.stringify({ json_logic: '{"==": [1, 1]}', dataset_name_filter: "/Nothing/Like-This-0/DQM" }), shifter)).toMatchObject({ status: 500, body: { err: "No datasets matched that dataset name" } });
    expect(await post(gen, JSON.stringify({ json_logic: '{"==": [1, 1]}', dataset_name_filter: "%" }), { email: "v@cern.ch", egroups: "cms-dqm-viewers" })).toMatchObject({ status: 401 });
    expect(await post(`${rrUrl}/json_portal/json`, JSON.stringify({ id_json: "no-such-id" }))).toMatchObject({ status: 500, body: { err: "No JSON generation with id no-such-id" } });

    // Polling goes 203 (queued) → 202 {progress} → 200 {final_json}, never backwards.
    const started = await post(gen, JSON.stringify({ json_logic: JSON.stringify({ "==": [{ var: "lumisection.rr.dt-dt" }, "GOOD"] }), dataset_name_filter: season.promptName }), shifter);
    expect(started.status).toBe(200);
    const seen: number[] = [];
    let final: Record<string, unknown> | undefined;
    for (let i = 0; i < 400 && !final; i++) {
      const res = await fetch(`${rrUrl}/json_portal/json`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ id_json: started.body.id }) });
      if (seen[seen.length - 1] !== res.status) seen.push(res.status);
      if (res.status === 200) final = ((await res.json()) as { final_json: Record<string, unknown> }).final_json;
      else if (res.status === 202) expect((await res.json()) as { progress: number }).toEqual({ progress: expect.any(Number) as number });
      else await new Promise((r) => setTimeout(r, 25));
    }
    expect(seen[seen.length - 1]).toBe(200);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(final).toMatchObject({ generated_json: { [season.base]: [[1, 10]], [season.base + 1]: [[1, 2], [5, 10]] }, generated_anti_json: { [season.base + 1]: [[3, 4]] } });
  });

  it("refuses a write in local mode when no role was chosen, and takes one that was", async () => {
    const s = season;
    const refused = await post(`${localUrl}/runs/mark_significant`, JSON.stringify({ run_number: s.base + 10 }), { email: "api@api" });
    expect(refused.status).toBe(401);
    expect(refused.body.message).toMatch(/in local mode choose a role first/);
    const done = await post(`${localUrl}/runs/mark_significant`, JSON.stringify({ run_number: s.base + 10 }), { "x-dqmflow-role": "shifter" });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ run_number: s.base + 10, rr_attributes: { significant: true } });
  });
});
