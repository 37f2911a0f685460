/**
 * `npx dqmflow compare` end to end: a real process reading the committed DQM ROOT fixture
 * (jsroot) and a JSROOT JSON file, checked against χ² and KS computed here from the formulas:
 * χ² UU (ROOT TH1::Chi2TestX, Gagunashvili 2006): Σ (S₂c₁ − S₁c₂)² / (c₁ + c₂) / (S₁S₂) over
 * bins not empty in both, ndf = nbins − 1 − (bins empty in both); KS distance (TH1::KolmogorovTest):
 * max |F₁ − F₂| of the normalised cumulative contents.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = new URL("../../../", import.meta.url).pathname;
const fixtures = join(root, "server/histograms/fixtures");
const expected = JSON.parse(readFileSync(join(fixtures, "expected.json"), "utf8")) as { file: string; mes: Record<string, { contents: number[] }> };
// expected.json names MEs by their place in the file; the command takes the DQM GUI's ME path.
const ME = "PixelPhase1/Tracks/MainDiagonal Position";
const dataContents = expected.mes["PixelPhase1/Run summary/Tracks/MainDiagonal Position"]!.contents.slice(1, -1);
// The reference: the same shape one bin to the right, twice the entries, plus one count per bin of a band.
const refContents = dataContents.map((_, i) => 2 * (dataContents[i - 1] ?? 0) + (i >= 20 && i < 60 ? 1 : 0));

function writeJsrootJson(contents: number[]): string {
  const dir = mkdtempSync(join(tmpdir(), "dqmflow-cli-"));
  const path = join(dir, "ref.json");
  const entries = contents.reduce((a, b) => a + b, 0);
  writeFileSync(path, JSON.stringify({ hist: { _typename: "TH1D", fName: "ref", fTitle: "", fEntries: entries, fXaxis: { _typename: "TAxis", fNbins: 100, fXmin: 0, fXmax: 2, fXbins: [], fLabels: null }, fSumw2: [], fArray: [0, ...contents, 0] } }));
  return path;
}

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("node", [join(root, "bin/dqmflow.js"), "compare", ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("dqmflow compare (command line)", () => {
  const data = `${join(fixtures, expected.file)}:${ME}`;

  it("prints χ² UU of a ROOT-file ME against a JSROOT JSON reference as JSON", async () => {
    const s1 = dataContents.reduce((a, b) => a + b, 0);
    const s2 = refContents.reduce((a, b) => a + b, 0);
    let chi2 = 0;
    let ndf = dataContents.length - 1;
    // igood: 1 when a used bin is empty in the data, 2 when in the reference, 3 both.
    let igood = 0;
    dataContents.forEach((c1, i) => {
      const c2 = refContents[i]!;
      if (c1 + c2 === 0) ndf--;
      else {
        chi2 += (s2 * c1 - s1 * c2) ** 2 / (c1 + c2);
        if (c1 === 0) igood |= 1;
        if (c2 === 0) igood |= 2;
      }
    });
    chi2 /= s1 * s2;

    const r = await cli("--test", "chi2", "--mode", "UU", data, writeJsrootJson(refContents), "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { test: string; statistic: number; ndf: number; pValue: number; status: string; igood: number };
    expect(out.test).toBe("chi2");
    expect(out.statistic).toBeCloseTo(chi2, 8);
    expect(out.ndf).toBe(ndf);
    expect(igood).toBeGreaterThan(0);
    expect(out.igood).toBe(igood);
    expect(out.pValue).toBeLessThan(1e-6);
    expect(out).toHaveProperty("status");
  }, 30_000);

  it("prints the KS distance, and p = 1 for a histogram against itself", async () => {
    const s1 = dataContents.reduce((a, b) => a + b, 0);
    const s2 = refContents.reduce((a, b) => a + b, 0);
    let f1 = 0;
    let f2 = 0;
    let d = 0;
    dataContents.forEach((c, i) => {
      f1 += c / s1;
      f2 += refContents[i]! / s2;
      d = Math.max(d, Math.abs(f1 - f2));
    });
    const ks = JSON.parse((await cli("--test", "kolmogorov", "--max-dist", data, writeJsrootJson(refContents), "--json")).stdout) as { statistic: number };
    expect(ks.statistic).toBeCloseTo(d, 12);
    const same = JSON.parse((await cli("--test", "kolmogorov", data, data, "--json")).stdout) as { pValue: number; status: string };
    expect(same.pValue).toBe(1);
  }, 30_000);

  it("names what was wrong: an unknown ME, a missing reference file, no test", async () => {
    const missingMe = await cli("--test", "chi2", `${join(fixtures, expected.file)}:Nope/h`, data, "--json");
    expect(missingMe.code).not.toBe(0);
    expect(missingMe.stderr).toMatch(/Nope\/h/);
    const missingFile = await cli("--test", "chi2", data, "/nonexistent/ref.json");
    expect(missingFile.code).not.toBe(0);
    expect(missingFile.stderr).toMatch(/nonexistent\/ref\.json/);
    const usage = await cli(data);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage: dqmflow compare --test/);
  }, 30_000);
});

describe("dqmflow compare: help, parameters and thresholds", () => {
  const data = `${join(fixtures, expected.file)}:${ME}`;

  it("prints its help, and each test's parameters with their CMSSW names", async () => {
    const help = await cli("--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--pairs FILE\.jsonl/);
    expect(help.stdout).toMatch(/CompareToMedian/);
    const test = await cli("--test", "CompareToMedian", "--help");
    expect(test.code).toBe(0);
    expect(test.stdout).toMatch(/min, MinRel/);
    expect(test.stdout).toMatch(/maxMedian, MaxAbs/);
  }, 30_000);

  it("refuses an unknown parameter naming the known ones, and a shorthand of another test", async () => {
    const typo = await cli("--test", "ContentsXRange", "--param", "xmn=2", data);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/no parameter 'xmn'.*xmin, xmax/);
    const norm = await cli("--test", "kolmogorov", "--norm", data, data);
    expect(norm.code).toBe(2);
    expect(norm.stderr).toMatch(/--ks-norm/);
  }, 30_000);

  it("accepts CMSSW's XML names: Xblocks for ContentSigma's xBlocks", async () => {
    const r = await cli("--test", "ContentSigma", "--param", "toleranceNoisy=3", "--param", "Xblocks=10", data, "--json");
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { status: string }).status).not.toBe("INVALID");
  }, 30_000);

  it("--max-dist reads --warning/--error as distances: a histogram against itself is OK", async () => {
    const same = JSON.parse((await cli("--test", "kolmogorov", "--max-dist", "--warning", "0.05", "--error", "0.1", data, data, "--json")).stdout) as { statistic: number; status: string };
    expect(same.statistic).toBe(0);
    expect(same.status).toBe("OK");
    const shifted = JSON.parse((await cli("--test", "kolmogorov", "--max-dist", "--warning", "0.0001", "--error", "0.0002", data, writeJsrootJson(refContents), "--json")).stdout) as { status: string };
    expect(shifted.status).toBe("ERROR");
  }, 30_000);
});

describe("dqmflow compare --pairs (batch)", () => {
  it("compares every line of a JSON-lines file on the pool and writes one JSON line per input line, in order", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dqmflow-pairs-"));
    const file = join(dir, "pairs.jsonl");
    const shifted = dataContents.map((_, i) => dataContents[i - 3] ?? 0);
    writeFileSync(file, [JSON.stringify({ id: "same", data: dataContents, ref: dataContents }), "", JSON.stringify({ id: { run: 1 }, data: dataContents, ref: shifted }), "{broken", JSON.stringify({ ref: refContents, data: dataContents, id: 3 })].join("\n") + "\n");
    const r = await cli("--pairs", file);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.id)).toEqual(["same", { run: 1 }, null, 3]);
    expect(lines[0]).toMatchObject({ chi2: 0, ksDistance: 0, ksPValue: 1, chi2Status: "OK", ksStatus: "OK" });
    expect(lines[1]!.ksStatus).toBe("ERROR");
    expect(lines[2]).toMatchObject({ line: 4, status: "INVALID" });
    const s1 = dataContents.reduce((a, b) => a + b, 0);
    const s2 = refContents.reduce((a, b) => a + b, 0);
    let chi2 = 0;
    dataContents.forEach((c1, i) => {
      const c2 = refContents[i]!;
      if (c1 + c2 > 0) chi2 += (s2 * c1 - s1 * c2) ** 2 / (c1 + c2);
    });
    expect(lines[3]!.chi2 as number).toBeCloseTo(chi2 / (s1 * s2), 8);
  }, 30_000);
});
