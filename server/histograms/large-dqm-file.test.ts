/**
 * The reader on a DQM file in the harvested layout made by scripts/fixtures/make_large_dqm_file.py
 * (uproot): thousands of MEs in hundreds of folders, every class CMSSW writes, labelled and
 * variable axes, quality-test strings. Listing finds each ME once, reading gives what uproot
 * wrote, and the file descriptor is released by close.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectPython } from "../../scripts/demo/dqm-file-writer";
import { openDqmRootFile } from "./dqm-root-file";
import { MonitorElementNotFoundError } from "./errors";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const MES = 3000;
const KINDS: Record<string, string> = { TH1F: "TH1", TH1D: "TH1", TH2F: "TH2", TProfile: "TProfile", TProfile2D: "TProfile2D" };

interface Manifest {
  mes: number;
  qualityReports: number;
  selection: Record<string, { class: string; nx: number; ny?: number; sum: number }>;
}

let dir = "";
let file = "";
let manifest: Manifest;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "dqmflow-large-dqm-"));
  file = path.join(dir, "DQM_V0001_R000999003__BenchLarge__Run2026X-Test-v1__DQMIO.root");
  const r = spawnSync(projectPython(), [path.join(root, "scripts/fixtures/make_large_dqm_file.py"), file, "--mes", String(MES), "--select", "300", "--run", "999003"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`make_large_dqm_file.py failed: ${r.stderr}`);
  manifest = JSON.parse(readFileSync(`${file}.json`, "utf8")) as Manifest;
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("a DQM file of thousands of MEs in the harvested layout", () => {
  it("lists every ME once, sorted, with the quality reports", async () => {
    const f = await openDqmRootFile(file);
    try {
      expect(f.run).toBe(999003);
      const mes = (await f.list()).map((m) => m.mePath);
      // The MEs asked for, and one EventInfo/reportSummaryMap per subsystem.
      const eventInfo = mes.filter((p) => p.endsWith("/EventInfo/reportSummaryMap"));
      expect(eventInfo.length).toBeGreaterThan(10);
      expect(mes.length).toBe(manifest.mes + eventInfo.length);
      expect(new Set(mes).size).toBe(mes.length);
      expect(mes).toEqual([...mes].sort((a, b) => a.localeCompare(b)));
      for (const p of Object.keys(manifest.selection)) expect(mes).toContain(p);
      expect((await f.qualityReports()).length).toBe(manifest.qualityReports);
    } finally {
      await f.close();
    }
  });

  it("reads each selected ME as uproot wrote it: class, bins, contents, labels and edges", async () => {
    const f = await openDqmRootFile(file);
    let labelled = 0;
    let variable = 0;
    try {
      for (const [p, exp] of Object.entries(manifest.selection)) {
        const h = await f.read(p);
        expect(h.kind, p).toBe(KINDS[exp.class]);
        expect(h.x.nbins, p).toBe(exp.nx);
        if (exp.ny) expect(h.y?.nbins, p).toBe(exp.ny);
        expect(h.contents.reduce((a, b) => a + b, 0), p).toBeCloseTo(exp.sum, 6);
        if (h.x.labels) {
          labelled++;
          expect(h.x.labels.every((l) => l.length > 0), p).toBe(true);
        }
        if (h.x.edges) variable++;
      }
    } finally {
      await f.close();
    }
    expect(labelled).toBeGreaterThan(0);
    expect(variable).toBeGreaterThan(0);
  });

  it("reads an ME before (without) listing, and names what is missing", async () => {
    const f = await openDqmRootFile(file);
    try {
      const [p] = Object.keys(manifest.selection);
      expect((await f.read(p!)).contents.length).toBeGreaterThan(0);
      await expect(f.read("NoSuchSubsystem/a/b")).rejects.toBeInstanceOf(MonitorElementNotFoundError);
      await expect(f.read(`${p!}_missing`)).rejects.toBeInstanceOf(MonitorElementNotFoundError);
    } finally {
      await f.close();
    }
  });

  it("releases its file descriptor on close and refuses to read afterwards", async () => {
    const fds = (): number => readdirSync("/proc/self/fd").length;
    const before = fds();
    const f = await openDqmRootFile(file);
    await f.list();
    expect(fds()).toBe(before + 1);
    await f.close();
    expect(fds()).toBe(before);
    await expect(f.read(Object.keys(manifest.selection)[0]!)).rejects.toThrow(/closed/);
  });
});
