import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { testServices } from "../testing/integration";
import { metricCatalog } from "./catalog";
import { ingestDqmFile } from "./ingest-dqm-file";
import { meSelection } from "./me-selection";
import { fileQualityResults } from "../certification/file-quality-results";
import { IngestInputError, UnknownRunError } from "./ingest-errors";
import { importMl4dqmCsv } from "./ml4dqm-import";
import { importOmsRecords, parseOmsRecords } from "./oms-import";
import { planScan } from "./scan";
import { corruptFixture, FIXTURE_DATASET, FIXTURE_RUN, fixtureFile, fixturesDir, forgetRuns, omsRun } from "./test-support";

const services = testServices();
const db = services.db;
afterAll(() => services.close());

/** The MEs the metric catalog reads (no certification MEs, no allow-list). */
const selection = (catalog: Awaited<ReturnType<typeof metricCatalog>>) => meSelection({ metrics: catalog.metrics, certification: { monitorElements: [] }, keep: [] });

async function pointsOf(run: number) {
  return db.selectFrom("metric_point as p").innerJoin("metric_definition as m", "m.id", "p.metric_id").select(["m.name", "p.value", "p.time"]).where("p.run_number", "=", run).execute();
}

describe("DQM ROOT file ingest", () => {
  beforeEach(() => forgetRuns(db, [FIXTURE_RUN, FIXTURE_RUN + 1]));

  it("takes a file that comes before its run's OMS metadata: the run is provisional until OMS completes it", async () => {
    const catalog = await metricCatalog();
    const r = await ingestDqmFile(db, catalog, fixtureFile(1), { selection: selection(catalog) });
    expect(r).toMatchObject({ status: "ingested", provisionalRun: true });
    expect((await pointsOf(FIXTURE_RUN)).length).toBe(r.points);
    expect(await db.selectFrom("run").select(["provisional", "run_class"]).where("run_number", "=", FIXTURE_RUN).executeTakeFirst()).toEqual({ provisional: true, run_class: "Other" });
    // OMS's start time replaces the file's, and the points move with it.
    await importOmsRecords(db, [omsRun(FIXTURE_RUN, "2017-10-01T10:00:00Z")], "test");
    const times = new Set((await pointsOf(FIXTURE_RUN)).map((p) => p.time.toISOString()));
    expect([...times]).toEqual(["2017-10-01T10:00:00.000Z"]);
  });

  it("refuses generated histograms of a run nobody announced (only a file may create a run)", async () => {
    const { ingestGeneratedHistograms } = await import("./ingest-histograms");
    await expect(ingestGeneratedHistograms(db, FIXTURE_RUN, FIXTURE_DATASET, new Map())).rejects.toBeInstanceOf(UnknownRunError);
  });

  it("computes the configured metrics, stamps them with the run start, and replaces on re-ingest", async () => {
    await importOmsRecords(db, [omsRun(FIXTURE_RUN, "2017-10-01T10:00:00Z")], "test");
    const catalog = await metricCatalog();
    const first = await ingestDqmFile(db, catalog, fixtureFile(1), { selection: selection(catalog) });
    expect(first.status).toBe("ingested");
    expect(first.dataset).toBe(FIXTURE_DATASET);
    const names = (await pointsOf(FIXTURE_RUN)).map((p) => p.name).sort();
    expect(names).toEqual(expect.arrayContaining(["Z_peak_mass", "Mean_Tight_DimuonMass_Inclusive", "NumberOfTracks_GenTk_mean", "size_ONTk_BPix_L1_mean"]));
    const z = (await pointsOf(FIXTURE_RUN)).find((p) => p.name === "Z_peak_mass")!;
    expect(z.value).toBeCloseTo(91.1, 0);
    expect(z.time.toISOString()).toBe("2017-10-01T10:00:00.000Z");
    expect(first.skipped).toBeGreaterThan(0);

    // The same bytes again: a no-op. Another content of the same version replaces, never duplicates.
    const again = await ingestDqmFile(db, catalog, fixtureFile(1), { selection: selection(catalog) });
    expect(again).toMatchObject({ status: "unchanged", points: 0 });
    expect(await pointsOf(FIXTURE_RUN)).toHaveLength(first.points);
    await db.updateTable("ingest_file").set({ checksum: "an earlier content" }).where("run_number", "=", FIXTURE_RUN).execute();
    const replaced = await ingestDqmFile(db, catalog, fixtureFile(1), { selection: selection(catalog) });
    expect(replaced).toMatchObject({ status: "ingested", points: first.points });
    expect(await pointsOf(FIXTURE_RUN)).toHaveLength(first.points);
    const stored = await db.selectFrom("stored_histogram").select("me_path").where("run_number", "=", FIXTURE_RUN).execute();
    expect(stored.map((s) => s.me_path)).toContain("Muons/diMuonHistograms/TightTightMuon");
  });

  it("lets the highest version win: a later lower version changes nothing", async () => {
    await importOmsRecords(db, [omsRun(FIXTURE_RUN, "2017-10-01T10:00:00Z")], "test");
    const catalog = await metricCatalog();
    await ingestDqmFile(db, catalog, fixtureFile(2), { selection: selection(catalog) });
    const late = await ingestDqmFile(db, catalog, fixtureFile(1), { selection: selection(catalog) });
    expect(late.status).toBe("superseded");
    const z = (await pointsOf(FIXTURE_RUN)).find((p) => p.name === "Z_peak_mass")!;
    expect(z.value).toBeCloseTo(90.2, 0);
  });

  it("moves points when OMS corrects a run's start time", async () => {
    await importOmsRecords(db, [omsRun(FIXTURE_RUN, "2017-10-01T10:00:00Z")], "test");
    await ingestDqmFile(db, await metricCatalog(), fixtureFile(1), { selection: selection(await metricCatalog()) });
    await importOmsRecords(db, [omsRun(FIXTURE_RUN, "2017-10-01T11:00:00Z")], "test");
    const times = new Set((await pointsOf(FIXTURE_RUN)).map((p) => p.time.toISOString()));
    expect([...times]).toEqual(["2017-10-01T11:00:00.000Z"]);
  });

  it("keeps the quality-test results CMSSW wrote into a real file, and calls a valid non-DQM ROOT file what it is", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "dqmflow-real-"));
    const realDir = path.resolve(fixturesDir, "../../../../shared/data/realdqm");
    try {
      await forgetRuns(db, [1]);
      const file = path.join(dir, "DQM_V0001_R000000001__Examples__Test-v1__DQMIO.root");
      await copyFile(path.join(realDir, "DQMServices-Examples_python_test_ref.root"), file);
      const catalog = await metricCatalog();
      const r = await ingestDqmFile(db, catalog, file, { selection: selection(catalog) });
      expect(r.qualityReports).toBe(13);
      const results = await fileQualityResults(db, 1);
      expect(results.find((q) => q.mePath === "YourSubsystemName/DQMsource/QTests/DeadFalse")).toMatchObject({ test: "Dead", status: "ERROR", algorithm: "DeadChannel", result: 0 });
      expect(results.find((q) => q.mePath === "YourSubsystemName/DQMclient/clientHisto")).toMatchObject({ test: "YRange", status: "OK", result: 1 });

      const flat = path.join(dir, "DQM_V0001_R000367094__ZeroBias__Run2023C-PromptReco-v1__DQMIO.root");
      await copyFile(path.join(realDir, "ZeroBias-Run2023C-PromptReco-v1-DQMIO-PixelPhase1-Tracks-PXBarrel-charge_PXLayer_1.root"), flat);
      const err = await ingestDqmFile(db, catalog, flat, { selection: selection(catalog) }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IngestInputError);
      expect((err as IngestInputError).type).toBe("NotDqmFile");
      expect((err as Error).message).toMatch(/is not a DQM harvest file \(top-level keys: run367094_ls\d+_PixelPhase1/);
    } finally {
      await forgetRuns(db, [1, 367094]);
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("fails a corrupt file as bad input and leaves no data", async () => {
    await importOmsRecords(db, [omsRun(FIXTURE_RUN + 1, "2017-10-02T10:00:00Z")], "test");
    const err = await ingestDqmFile(db, await metricCatalog(), corruptFixture, { selection: selection(await metricCatalog()) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestInputError);
    expect((err as IngestInputError).type).toBe("CorruptFile");
    expect(await pointsOf(FIXTURE_RUN + 1)).toHaveLength(0);
    expect(await db.selectFrom("dataset").select("id").where("run_number", "=", FIXTURE_RUN + 1).execute()).toHaveLength(0);
  });

  it("plans a directory scan: highest version only, nothing when up to date", async () => {
    await importOmsRecords(db, [omsRun(FIXTURE_RUN, "2017-10-01T10:00:00Z")], "test");
    const dir = await mkdtemp(path.join(tmpdir(), "dqmflow-scan-"));
    try {
      const deep = path.join(dir, "OfflineData", "Run2017", "ZeroBias", "0009900xx");
      await mkdir(deep, { recursive: true });
      for (const v of [1, 2] as const) await copyFile(fixtureFile(v), path.join(deep, path.basename(fixtureFile(v))));
      const plan = await planScan(db, dir);
      expect(plan.toIngest.map((f) => f.version)).toEqual([2]);
      expect(plan.superseded).toBe(1);
      await ingestDqmFile(db, await metricCatalog(), plan.toIngest[0]!.path, { selection: selection(await metricCatalog()) });
      const again = await planScan(db, dir);
      expect(again.toIngest).toHaveLength(0);
      expect(again.upToDate).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("OMS metadata import", () => {
  const runs = [990101, 990102, 990103, 990104];
  beforeEach(() => forgetRuns(db, runs));

  it("imports the OMS JSON envelope with lumisections and applies the significance rule", async () => {
    const json = JSON.stringify({
      data: [
        { attributes: omsRun(990101, "2017-08-01T00:00:00Z") },
        { attributes: omsRun(990102, "2017-08-01T05:00:00Z", { recorded_lumi: 0.05 }) },
        { attributes: omsRun(990103, "2017-08-01T09:00:00Z", { run_class: "Cosmics", end_time: "2017-08-01T09:30:00Z" }) },
        { attributes: omsRun(990104, "2017-08-01T12:00:00Z", { hlt_key: "/cdaq/special/VdM/v1/HLT" }) },
        { attributes: { run_number: 990101, lumisection_number: 1, recorded_lumi: 0.1, beam1_stable: true, beam2_stable: true, bpix_ready: true } },
      ],
    });
    const r = await importOmsRecords(db, parseOmsRecords(json, "json", "oms.json"), "oms.json");
    expect(r).toEqual({ runs: 4, lumisections: 1 });
    const rows = await db.selectFrom("run").select(["run_number", "significant", "run_class"]).where("run_number", "in", runs).orderBy("run_number").execute();
    expect(rows.map((x) => x.significant)).toEqual([true, false, false, false]);
    const ls = await db.selectFrom("lumisection").selectAll().where("run_number", "=", 990101).execute();
    expect(ls[0]?.dcs).toEqual({ bpix: true });
  });

  it("imports CSV and rejects a bad record naming it, writing nothing", async () => {
    const csv = "run_number,start_time,end_time,run_class,recorded_lumi\n990101,2017-08-01T00:00:00Z,2017-08-01T02:00:00Z,Collisions,12\n990102,not-a-date,,Collisions,1\n";
    const err = await importOmsRecords(db, parseOmsRecords(csv, "csv", "runs.csv"), "runs.csv").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestInputError);
    expect((err as Error).message).toMatch(/record 2, field start_time/);
    expect(await db.selectFrom("run").select("run_number").where("run_number", "in", runs).execute()).toHaveLength(0);
  });
});

describe("ML4DQM CSV import", () => {
  it("stores every lumisection's histogram with its labels, idempotently", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "dqmflow-ml-"));
    try {
      const file = path.join(dir, "ml.csv");
      const bins = JSON.stringify([0, 1, 5, 9, 5, 1, 0]);
      await writeFile(file, `fromrun,fromlumi,hname,histo,entries,Xmax,Xmin,Xbins,Json,DCSbit\n990201,1,"MainDiagonal Position","${bins}",21,2.0,0.0,5,True,True\n990201,2,"MainDiagonal Position","${bins}",21,2.0,0.0,5,False,True\n`);
      await forgetRuns(db, [990201]);
      expect((await importMl4dqmCsv(db, file)).rows).toBe(2);
      expect((await importMl4dqmCsv(db, file)).rows).toBe(2);
      const rows = await db.selectFrom("ls_histogram").selectAll().where("run_number", "=", 990201).orderBy("ls_number").execute();
      expect(rows.map((r) => [r.ls_number, r.golden, r.dcs, r.contents.length])).toEqual([[1, true, true, 7], [2, false, true, 7]]);
      await writeFile(file, `fromrun,fromlumi,hname,histo,entries,Xmax,Xmin,Xbins,Json,DCSbit\n990201,1,"MainDiagonal Position","[1, 2]",21,2.0,0.0,5,True,True\n`);
      await expect(importMl4dqmCsv(db, file)).rejects.toThrow(/line 2: .*histo must list 7 numbers/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("reads the real shared export", async () => {
    const file = path.resolve(fixturesDir, "../../../../shared/data/ml4dqm/random_subset_MainDiagonal_1hist_ex1.csv");
    const r = await importMl4dqmCsv(db, file);
    expect(r).toEqual({ rows: 1, runs: 1, monitorElements: ["MainDiagonal Position"] });
  });
});
