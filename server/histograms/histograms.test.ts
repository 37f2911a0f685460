import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { binContent, binError, histogramMean } from "./bin-values";
import { latestVersions, parseDqmFileName } from "./dqm-file-name";
import { openDqmRootFile } from "./dqm-root-file";
import { CorruptRootFileError, DqmFileNameError, HistogramFormatError, MonitorElementNotFoundError } from "./errors";
import { histogramFromJsrootJson } from "./from-jsroot-json";
import { parseMl4dqmCsv } from "./from-ml4dqm-csv";

const fixtures = new URL("./fixtures/", import.meta.url);
const fixture = (name: string): string => new URL(name, fixtures).pathname;
interface Expected {
  file: string;
  run: number;
  mes: Record<string, { kind: string; nx: number; ny?: number; contents: number[]; sumw2: number[] | null; binEntries?: number[]; entries: number; edges?: number[] | null }>;
}
const expected = JSON.parse(readFileSync(new URL("expected.json", fixtures), "utf8")) as Expected;

describe("DQM file names", () => {
  it("parses version, run, dataset and processing string", () => {
    expect(parseDqmFileName("/eos/x/DQM_V0001_R000306134__ZeroBias__Run2017E-09Aug2019_UL2017-v1__DQMIO.root")).toMatchObject({
      version: 1,
      run: 306134,
      primaryDataset: "ZeroBias",
      processingString: "Run2017E-09Aug2019_UL2017-v1",
      dataTier: "DQMIO",
      dataset: "/ZeroBias/Run2017E-09Aug2019_UL2017-v1/DQMIO",
    });
    expect(() => parseDqmFileName("histos.root")).toThrow(DqmFileNameError);
  });
  it("keeps the highest version per run and dataset", () => {
    const files = ["DQM_V0001_R000306134__ZeroBias__A-v1__DQMIO.root", "DQM_V0003_R000306134__ZeroBias__A-v1__DQMIO.root", "DQM_V0002_R000306134__ZeroBias__A-v1__DQMIO.root", "DQM_V0001_R000306135__ZeroBias__A-v1__DQMIO.root", "junk.root"];
    expect(latestVersions(files).map((f) => [f.run, f.version])).toEqual([
      [306134, 3],
      [306135, 1],
    ]);
  });
});

describe("DQM ROOT files written by uproot, read through jsroot", () => {
  it("lists every monitor element", async () => {
    const f = await openDqmRootFile(fixture(expected.file));
    expect(f.run).toBe(expected.run);
    expect((await f.list()).map((m) => m.mePath)).toEqual(Object.keys(expected.mes).map((p) => p.replace("/Run summary", "")).sort((a, b) => a.localeCompare(b)));
  });

  it("reads each ME with the contents, errors and entries uproot wrote", async () => {
    const f = await openDqmRootFile(fixture(expected.file));
    for (const [path, exp] of Object.entries(expected.mes)) {
      const h = await f.read(path.replace("/Run summary", ""));
      expect(h.kind, path).toBe(exp.kind);
      expect(h.x.nbins).toBe(exp.nx);
      if (exp.ny) expect(h.y?.nbins).toBe(exp.ny);
      exp.contents.forEach((c, i) => expect(h.contents[i]).toBeCloseTo(c, 4));
      if (exp.sumw2) exp.sumw2.forEach((c, i) => expect(h.sumw2![i]).toBeCloseTo(c, 6));
      else expect(h.sumw2).toBeUndefined();
      if (exp.binEntries) exp.binEntries.forEach((c, i) => expect(h.binEntries![i]).toBe(c));
      if (exp.edges) expect(Array.from(h.x.edges!)).toEqual(exp.edges);
      expect(h.entries).toBe(exp.entries);
    }
  });

  it("accepts full DQMData paths and computes profile means and errors", async () => {
    const f = await openDqmRootFile(fixture(expected.file));
    const p = await f.read(`DQMData/Run ${expected.run}/Tracking/Run summary/meanVsX`);
    const exp = expected.mes["Tracking/Run summary/meanVsX"]!;
    const mean = exp.contents[3]! / exp.binEntries![3]!;
    expect(binContent(p, 3)).toBeCloseTo(mean, 12);
    const spread = Math.sqrt(Math.abs(exp.sumw2![3]! / exp.binEntries![3]! - mean * mean));
    expect(binError(p, 3)).toBeCloseTo(spread / Math.sqrt(exp.binEntries![3]!), 12);
    const md = await f.read("PixelPhase1/Tracks/MainDiagonal Position");
    expect(histogramMean(md)).toBeGreaterThan(0.5);
  });

  it("reports a missing ME and a truncated file with typed errors", async () => {
    const f = await openDqmRootFile(fixture(expected.file));
    await expect(f.read("PixelPhase1/Tracks/NoSuchME")).rejects.toBeInstanceOf(MonitorElementNotFoundError);
    await expect(openDqmRootFile(fixture("DQM_V0001_R000306134__ZeroBias__Run2017E-corrupt__DQMIO.root"))).rejects.toBeInstanceOf(CorruptRootFileError);
  });
});

describe("JSROOT JSON", () => {
  it("reads a TH1F as the DQM GUI exports it (TBufferJSON)", () => {
    const json = JSON.stringify({
      hist: {
        _typename: "TH1F",
        fName: "h",
        fTitle: "t",
        fEntries: 6,
        fTsumw: 6,
        fTsumw2: 6,
        fTsumwx: 9,
        fTsumwx2: 15,
        fXaxis: { _typename: "TAxis", fNbins: 3, fXmin: 0, fXmax: 3, fXbins: [], fLabels: null },
        fSumw2: [],
        fArray: [0, 1, 2, 3, 0],
      },
    });
    const h = histogramFromJsrootJson(json);
    expect(Array.from(h.contents)).toEqual([0, 1, 2, 3, 0]);
    expect(h.stats?.sumwx).toBe(9);
    expect(() => histogramFromJsrootJson('{"a": 1}')).toThrow(HistogramFormatError);
    expect(() => histogramFromJsrootJson("{nope")).toThrow(HistogramFormatError);
  });
});

describe("ML4DQM CSV", () => {
  it("reads real rows of the shared data set", () => {
    const text = readFileSync(new URL("../../../shared/data/ml4dqm/random_subset_MainDiagonal_1hist_ex1.csv", import.meta.url), "utf8");
    const [row] = parseMl4dqmCsv(text);
    expect(row).toMatchObject({ run: 297219, lumi: 2374, golden: true, dcs: true });
    expect(row!.histogram.x).toEqual({ nbins: 100, min: 0, max: 2 });
    expect(row!.histogram.contents.length).toBe(102);
    expect(row!.histogram.contents.reduce((a, b) => a + b, 0)).toBe(1910);
  });

  it("reads exports that list only the in-range bins (no under- or overflow)", () => {
    const text = readFileSync(new URL("../../../shared/data/ml4dqm/random_subset_ChargeInnerLayer4_1hist_ex1.csv", import.meta.url), "utf8");
    // This export has no DCSbit column; an empty one reads as "not on".
    const [header, line] = text.trim().split(/\r?\n/);
    const [row] = parseMl4dqmCsv(`${header},DCSbit\n${line},\n`);
    expect(row).toMatchObject({ run: 306051, lumi: 382 });
    expect(row!.histogram.x).toEqual({ nbins: 100, min: 0, max: 80000 });
    expect(row!.histogram.contents.length).toBe(102);
    expect([row!.histogram.contents[0], row!.histogram.contents[101]]).toEqual([0, 0]);
    expect(Array.from(row!.histogram.contents.slice(1, 6))).toEqual([0, 0, 7, 11, 29]);
  });

  it("names the count it expected when a row's list is neither length", () => {
    const header = "fromrun,fromlumi,hname,entries,Xmax,Xmin,Xbins,histo,Json,DCSbit";
    expect(() => parseMl4dqmCsv(`${header}\n1,1,h,3,1.0,0.0,3,"[1, 2]",True,True\n`)).toThrow(/must list 5 numbers .* or 3 .* got 2/);
  });
});
