/**
 * RR_PORT: CMS's `runregistry` client (3.1.2, unchanged) with an api_url that has no path, as
 * scripts written for RR's backend on 9500 have, against the /rr surface served at the root of a
 * port of its own — with the web app's guards in front (body cap, cross-site and Host checks).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../app-services";
import { testServices } from "../testing/integration";
import { rrPortApp } from "./rr-port";
import { removeRrSeason, seedRrSeason, type RrSeason } from "./testing/rr-seed";

const execFileP = promisify(execFile);
const PYTHON = path.resolve(import.meta.dirname, "../../.tools/py/bin/python");
const DRIVER = path.resolve(import.meta.dirname, "rr-client-driver.py");
const RUNS = 60; // the seed's flag history needs its 60 runs
const ASKED = 4;

let services: AppServices;
let server: Server;
let root: string;
let season: RrSeason;

beforeAll(async () => {
  services = testServices({ AUTH_MODE: "local" });
  season = await seedRrSeason(services.db, RUNS);
  const app = await rrPortApp(services);
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  if (season) await removeRrSeason(services.db, season, RUNS);
  await new Promise((r) => server?.close(r));
  await services?.close();
});

function rawPost(headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const u = new URL(`${root}/runs_filtered_ordered`);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path: u.pathname, method: "POST", headers: { "content-type": "application/json", ...headers } }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end(JSON.stringify({ filter: {}, page: 0, page_size: 1 }));
  });
}

describe("the Run Registry surface on RR_PORT", () => {
  it("answers the unchanged client at the root of its port", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "rr-port-")), "out.json");
    const calls = [
      { fn: "get_runs", kwargs: { filter: { run_number: { and: [{ ">=": season.base }, { "<": season.base + ASKED }] } } } },
      { fn: "get_run", args: [season.base + 1] },
    ];
    const child = execFileP(PYTHON, [DRIVER], { env: { ...process.env, HOME: tmpdir(), ENVIRONMENT: "local" }, timeout: 120_000 });
    child.child.stdin?.end(JSON.stringify({ urls: { viewer: root }, out, calls }));
    await child;
    const [runs, one] = JSON.parse(readFileSync(out, "utf8")) as { ok: boolean; value: unknown }[];
    expect(runs!.ok).toBe(true);
    expect((runs!.value as { run_number: number }[]).map((r) => r.run_number).sort()).toEqual(Array.from({ length: ASKED }, (_, i) => season.base + i));
    expect((one!.value as { run_number: number }).run_number).toBe(season.base + 1);
  });

  it("keeps the web app's guards: cross-site writes and requests for another host are refused", async () => {
    expect((await rawPost({})).status).toBe(200);
    const crossSite = await rawPost({ origin: "http://evil.example" });
    expect(crossSite.status).toBe(403);
    const rebound = await rawPost({ host: "evil.example" });
    expect(rebound.status).toBe(421);
  });
});
