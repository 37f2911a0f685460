import { describe, expect, it } from "vitest";
import { th1FromPdf } from "../../scripts/demo/histogram-builders";
import { seededRng } from "../compare/math/rng";
import type { MetricDefinition } from "../metrics/index";
import { computePoints } from "./compute-points";
import { DatasetNameError, parseDatasetName } from "./dataset-name";
import { decodeHistogram, encodeHistogram, HistogramCodecError } from "./histogram-codec";
import { parseMl4dqmFile } from "./ml4dqm-import";
import { parseOmsRecords, runClassOf } from "./oms-import";
import { IngestInputError } from "./ingest-errors";

describe("dataset names", () => {
  it("splits PD, era-free processing string and stage", () => {
    expect(parseDatasetName("/ZeroBias/Run2017E-09Aug2019_UL2017-v1/DQMIO")).toEqual({ name: "/ZeroBias/Run2017E-09Aug2019_UL2017-v1/DQMIO", primaryDataset: "ZeroBias", processingString: "09Aug2019_UL2017-v1", stage: "reprocessing" });
    expect(parseDatasetName("/StreamExpress/Run2018A-Express-v1/DQMIO").stage).toBe("express");
    expect(parseDatasetName("/ZeroBias/Run2018A-PromptReco-v2/DQMIO").stage).toBe("prompt");
    expect(() => parseDatasetName("ZeroBias")).toThrow(DatasetNameError);
  });
});

describe("histogram codec", () => {
  it("round-trips and rejects malformed rows", () => {
    const h = th1FromPdf("h", 10, 0, 1, 1000, (x) => x, seededRng(1));
    const back = decodeHistogram(JSON.parse(JSON.stringify(encodeHistogram(h))));
    expect(Array.from(back.contents)).toEqual(Array.from(h.contents));
    expect(back.stats).toEqual(h.stats);
    expect(() => decodeHistogram({ ...encodeHistogram(h), contents: [1, 2] })).toThrow(HistogramCodecError);
  });
});

describe("computePoints", () => {
  const def = (name: string, over: Partial<MetricDefinition> = {}): MetricDefinition => ({ subsystem: "T", name, file: "t.yaml", relativePath: ["T/a", "T/b"], metric: { function: "mean", params: { axis: "x", error: "meanError" } }, plotTitle: name, yTitle: "y", ...over });
  const h = th1FromPdf("h", 20, 0, 20, 5000, (x) => Math.exp(-0.5 * ((x - 10) / 2) ** 2), seededRng(2));
  it("uses the first present path and skips with reasons", () => {
    const out = computePoints([def("m"), def("low", { threshold: 1e9 }), def("none", { relativePath: ["T/x"] }), def("ref", { reference: ["T/b"], metric: { function: "kolmogorov", params: {} } })], new Map([["T/b", h]]));
    expect(out.computed.map((c) => [c.metric, c.mePath])).toEqual([["m", "T/b"]]);
    expect(out.computed[0]!.value).toBeCloseTo(10, 0);
    expect(out.skipped.map((s) => s.metric)).toEqual(["low", "none", "ref"]);
  });
  it("compares to a reference through the comparison engine", () => {
    const out = computePoints([def("ks", { reference: ["T/b"], metric: { function: "kolmogorov", params: {} } })], new Map([["T/b", h]]), new Map([["T/b", h]]));
    expect(out.computed[0]!.value).toBeCloseTo(1, 3);
  });
});

describe("OMS and ML4DQM parsing", () => {
  it("reads the OMS envelope and infers run classes", () => {
    const recs = parseOmsRecords(JSON.stringify({ data: [{ attributes: { run_number: 1 } }] }), "json", "x");
    expect(recs).toEqual([{ run_number: 1 }]);
    expect(() => parseOmsRecords("{", "json", "x.json")).toThrow(/x.json: not JSON/);
    const run = { run_number: 1, start_time: new Date() };
    expect(runClassOf({ ...run, fill_number: 6000 })).toBe("Collisions");
    expect(runClassOf({ ...run, hlt_key: "/cdaq/cosmic/x" })).toBe("Cosmics");
    expect(() => runClassOf({ ...run, run_class: "Bogus" })).toThrow(IngestInputError);
  });
  it("accepts exports without a DCSbit column (dcs unknown)", () => {
    const text = 'fromrun,fromlumi,hname,histo,entries,Xmax,Xmin,Xbins,Json\n1,2,h,"[0, 1, 2, 0]",3,1,0,2,True\n';
    const p = parseMl4dqmFile(text, "x.csv");
    expect(p.hasDcs).toBe(false);
    expect(p.rows[0]?.golden).toBe(true);
  });
});
