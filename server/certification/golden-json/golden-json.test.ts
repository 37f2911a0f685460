import { describe, expect, it } from "vitest";
import { checkRule, computeGoldenJson, type DatasetFacts } from "./evaluate";
import { toRanges } from "./ranges";

const rule = {
  and: [
    { "==": [{ var: "lumisection.rr.tracker-pixel" }, "GOOD"] },
    { ">=": [{ var: "run.oms.energy" }, 6000] },
    { "==": [{ var: "lumisection.oms.beam1_stable" }, true] },
  ],
};

function dataset(runNumber: number, energy: number, pixel: string[], stable: boolean[]): DatasetFacts {
  return {
    runNumber,
    dataset: "/ZeroBias/X/DQMIO",
    lumisections: pixel.map((p, i) => ({
      ls: i + 1,
      recordedLumi: 1,
      attributes: { run: { run_number: runNumber, oms: { energy } }, dataset: { name: "/ZeroBias/X/DQMIO" }, lumisection: { ls_number: i + 1, rr: { "tracker-pixel": p }, oms: { beam1_stable: stable[i] } } },
    })),
  };
}

describe("golden JSON", () => {
  it("merges lumisections into inclusive ranges", () => {
    expect(toRanges([5, 1, 2, 3, 7, 8])).toEqual([[1, 3], [5, 5], [7, 8]]);
  });

  it("builds the JSON, the anti-JSON, lumi kept and lost, and the loss of each sub-rule", () => {
    const r = computeGoldenJson(checkRule(rule), [
      dataset(100, 6800, ["GOOD", "GOOD", "BAD", "GOOD", "GOOD"], [true, true, true, false, true]),
      dataset(101, 450, ["GOOD", "GOOD"], [true, true]),
    ]);
    expect(r.golden).toEqual({ "100": [[1, 2], [5, 5]] });
    expect(r.antiGolden).toEqual({ "100": [[3, 4]], "101": [[1, 2]] });
    expect(r.lumiKept).toBe(3);
    expect(r.lumiLost).toBe(4);
    expect(r.lossByRule.map((l) => [l.lumi, l.exclusiveLumi])).toEqual([[1, 1], [2, 2], [1, 1]]);
  });

  it("refuses something that is not a JSON-logic rule", () => {
    expect(() => checkRule([1])).toThrow(/JSON-logic object/);
    expect(() => checkRule({ nosuchop: [1] })).toThrow(/does not evaluate/);
  });
});
