import { describe, expect, it } from "vitest";
import { trendToCsv } from "./csv-export";
import { certifiedLsCount, goldenJsonSchema, goldenRuns, mergeRanges } from "./golden-json";
import { linearRegression } from "./regression";
import { runSelectionSchema } from "./run-selection";
import { isSignificant } from "./significance";
import { checkPoint } from "./trend-checks";
import { runAxis } from "./x-axis";

describe("significance (HDQM's rule)", () => {
  const base = { runClass: "Collisions" as const, hltKey: "/cdaq/physics/v1", recordedLumi: 1, durationS: 7200 };
  it.each([
    ["an ordinary collision run", base, true],
    ["a special HLT key", { ...base, hltKey: "/cdaq/SPECIAL/VdM" }, false],
    ["a collision run below 0.1 /pb", { ...base, recordedLumi: 0.09 }, false],
    ["a collision run at 0.1 /pb", { ...base, recordedLumi: 0.1 }, true],
    ["a cosmic run under an hour", { ...base, runClass: "Cosmics" as const, recordedLumi: 0, durationS: 3599 }, false],
    ["a cosmic run of an hour", { ...base, runClass: "Cosmics" as const, recordedLumi: 0, durationS: 3600 }, true],
  ])("%s", (_what, run, expected) => expect(isSignificant(run)).toBe(expected));
});

describe("golden JSON", () => {
  it("merges overlapping and adjacent ranges and counts certified lumisections clipped to the run", () => {
    expect(mergeRanges([[10, 20], [1, 5], [6, 8], [15, 30]])).toEqual([[1, 8], [10, 30]]);
    expect(certifiedLsCount([[1, 8], [10, 30]], 20)).toBe(19);
    expect(goldenRuns({ "2": [[1, 1]], "1": [], "3": [[4, 5]] }).map((g) => g.run)).toEqual([2, 3]);
  });
  it("rejects malformed input with the field named", () => {
    const r = goldenJsonSchema.safeParse({ "306134": [[5, 2]] });
    expect(r.success).toBe(false);
    expect(runSelectionSchema.safeParse({ kind: "range", from: 3, to: 1 }).error?.issues[0]?.path).toEqual(["to"]);
  });
});

describe("regression", () => {
  it("recovers a line exactly and gives r = ±1", () => {
    const r = linearRegression([1, 2, 3, 4], [3, 5, 7, 9]);
    expect(r.slope).toBeCloseTo(2);
    expect(r.intercept).toBeCloseTo(1);
    expect(r.r).toBeCloseTo(1);
    expect(linearRegression([1, 2, 3], [3, 2, 1]).r).toBeCloseTo(-1);
    expect(Number.isNaN(linearRegression([1, 1], [2, 3]).slope)).toBe(true);
  });
});

describe("x axes", () => {
  const runs = { run: [10, 11, 12], startTime: [100, 200, 300], fill: [7, 7, null], durationS: [3600, 7200, null], lumi: [1, 3, 2] };
  it("places bars end to end with widths by duration or luminosity", () => {
    expect(runAxis("duration", runs)).toEqual({ x: [0.5, 2, 3], width: [1, 2, 0] });
    expect(runAxis("luminosity", runs)).toEqual({ x: [0.5, 2.5, 5], width: [1, 3, 2] });
    expect(runAxis("fill", runs)).toEqual({ x: [7, 7, null], width: null });
  });
});

describe("trend checks", () => {
  it("fires on an expected range and on k σ from recent good runs", () => {
    expect(checkPoint(5, { expectedRange: { min: 0, max: 4 } }, [])).toHaveLength(1);
    expect(checkPoint(3, { expectedRange: { min: 0, max: 4 } }, [])).toHaveLength(0);
    const history = [10, 10.1, 9.9, 10.05, 9.95];
    expect(checkPoint(10.1, { withinSigma: { k: 3, lastGoodRuns: 5 } }, history)).toHaveLength(0);
    const [f] = checkPoint(11, { withinSigma: { k: 3, lastGoodRuns: 5 } }, history);
    expect(f?.kind).toBe("withinSigma");
    expect(checkPoint(50, { withinSigma: { k: 3, lastGoodRuns: 5 } }, [10, 10])).toHaveLength(0);
  });
});

describe("CSV and links", () => {
  it("writes one line per run with empty cells for missing points", () => {
    const csv = trendToCsv({
      xAxis: "run",
      runs: { run: [1, 2], datasetId: [1, 2], startTime: [0, 3600e3], fill: [5, null], durationS: [10, 20], deliveredLumi: [1, 2], recordedLumi: [1, 2], significant: [true, false], certifiedFraction: null, certifiedLumi: null },
      series: [{ metricId: 1, subsystem: "S", name: "m,1", plotTitle: "", yTitle: "", run: [2], x: [2], width: null, value: [0.5], error: [0.1] }],
    });
    expect(csv).toBe('run,start_time,fill,duration_s,delivered_lumi_pb,recorded_lumi_pb,significant,"S/m,1","S/m,1_error"\n1,1970-01-01T00:00:00.000Z,5,10,1,1,true,,\n2,1970-01-01T01:00:00.000Z,,20,2,2,false,0.5,0.1\n');
  });

  it("adds an overlay's columns, and a line for a run only the overlay has, with that run's metadata", () => {
    const runs = (run: number[]) => ({ run, datasetId: run.map(() => 1), startTime: run.map((r) => r * 3600e3), fill: run.map(() => 7), durationS: run.map(() => 10), deliveredLumi: run.map(() => 1), recordedLumi: run.map(() => 1), significant: run.map(() => true), certifiedFraction: null, certifiedLumi: null });
    const series = (name: string, run: number[], value: number[]) => ({ metricId: 1, subsystem: "S", name, plotTitle: "", yTitle: "", run, x: run, width: null, value, error: value.map(() => 0) });
    const csv = trendToCsv({ xAxis: "run", runs: runs([1, 2]), series: [series("m", [1, 2], [10, 20])] }, [{ label: "T/o (PD / PS)", trend: { xAxis: "run", runs: runs([2, 3]), series: [series("o", [2, 3], [200, 300])] } }]);
    expect(csv.trim().split("\n")).toEqual([
      "run,start_time,fill,duration_s,delivered_lumi_pb,recorded_lumi_pb,significant,S/m,S/m_error,T/o (PD / PS),T/o (PD / PS)_error",
      "1,1970-01-01T01:00:00.000Z,7,10,1,1,true,10,0,,",
      "2,1970-01-01T02:00:00.000Z,7,10,1,1,true,20,0,200,0",
      "3,1970-01-01T03:00:00.000Z,7,10,1,1,true,,,300,0",
    ]);
  });
});
