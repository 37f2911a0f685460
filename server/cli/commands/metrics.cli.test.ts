/**
 * `npx dqmflow metrics check` end to end, as a real process: on HDQM's own 74-file cfg tree (the
 * committed fixture, server/metrics/config/fixtures/README.md), on the product's config/metrics/
 * with --strict, and on a folder with a bad entry.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = new URL("../../../", import.meta.url).pathname;
const hdqmTree = join(root, "server/metrics/config/fixtures/centralhdqm-cfg");

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("node", [join(root, "bin/dqmflow.js"), "metrics", ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("dqmflow metrics check", () => {
  it("reads HDQM's tree: 74/74 files, HDQM's 2717 entries, only repeated names refused, 0 unknown functions", async () => {
    const r = await cli("check", hdqmTree);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("files: 74/74 read");
    expect(r.stdout).toContain("entries: 2717 accepted, 288 refused (duplicate-name 288)");
    expect(r.stdout).toMatch(/functions: 38 used, 0 unknown\n/);
    expect(r.stdout).toMatch(/✗ HCAL\/\S+\.ini: \d+ accepted, \d+ refused/);
  }, 60_000);

  it("--strict fails on refusals and passes on the product's own config/metrics", async () => {
    expect((await cli("check", "--strict", hdqmTree)).code).toBe(1);
    const own = await cli("check", "--strict", join(root, "config/metrics"));
    expect(own.code).toBe(0);
    expect(own.stdout).toMatch(/entries: \d+ accepted, 0 refused/);
  }, 60_000);

  it("--json gives file, section and reason of each refusal, and the rest still loads", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dqmflow-metrics-"));
    mkdirSync(join(dir, "X"));
    writeFileSync(join(dir, "X", "a.ini"), "[plot:good]\nmetric = basic.Mean()\nrelativePath = X/h\nyTitle = t\n\n[plot:bad]\nmetric = basic.Nope()\nrelativePath = X/h\nyTitle = t\n");
    const r = await cli("check", dir, "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { summary: { entriesAccepted: number; functionsMissing: Record<string, number> }; problems: { file: string; entry: string; reason: string }[] };
    expect(out.summary.entriesAccepted).toBe(1);
    expect(out.summary.functionsMissing).toEqual({ "basic.Nope": 1 });
    expect(out.problems).toMatchObject([{ file: "X/a.ini", entry: "bad", reason: "unknown-function" }]);
  }, 60_000);

  it("explains its usage", async () => {
    expect((await cli("nope")).code).toBe(2);
  }, 60_000);
});
