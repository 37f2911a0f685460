import { describe, expect, it } from "vitest";
import { diffGoldenJson, lineDiff, ruleText, subtractRanges } from "./diff";
import { describeUnknownVariables, ruleVariableNames, unknownVariables, variablesOf } from "./rule-variable-check";

describe("golden JSON diff", () => {
  it("subtracts lumisection ranges", () => {
    expect(subtractRanges([[1, 10]], [[3, 4], [8, 20]])).toEqual([[1, 2], [5, 7]]);
    expect(subtractRanges([[1, 5], [7, 9]], [[1, 9]])).toEqual([]);
    expect(subtractRanges([[5, 6]], [])).toEqual([[5, 6]]);
  });

  it("counts runs and lumisections gained and lost, with their luminosity", () => {
    const from = { "100": [[1, 10]] as [number, number][], "101": [[1, 5]] as [number, number][], "102": [[1, 3]] as [number, number][] };
    const to = { "100": [[1, 4], [7, 12]] as [number, number][], "102": [[1, 3]] as [number, number][], "103": [[2, 3]] as [number, number][] };
    // Every lumisection of run 100 carries 0.5 /pb, the others 1 /pb.
    const d = diffGoldenJson(from, to, (run) => (run === 100 ? 0.5 : 1));
    expect(d.runsGained).toEqual([103]);
    expect(d.runsLost).toEqual([101]);
    expect(d.gained).toEqual({ "100": [[11, 12]], "103": [[2, 3]] });
    expect(d.lost).toEqual({ "100": [[5, 6]], "101": [[1, 5]] });
    expect([d.lsGained, d.lsLost]).toEqual([4, 7]);
    expect([d.lumiGained, d.lumiLost]).toEqual([0.5 * 2 + 2, 0.5 * 2 + 5]);
    expect(d.runsUnchanged).toBe(1);
  });

  it("reads overlapping, unordered ranges of outside JSONs as their union", () => {
    const d = diffGoldenJson({ "1": [[5, 8], [1, 6]] }, { "1": [[1, 8]] }, () => 1);
    expect([d.lsGained, d.lsLost, d.runsUnchanged]).toEqual([0, 0, 1]);
  });
});

describe("rule version diff", () => {
  it("shows one changed condition as a removed and an added line among the same ones", () => {
    const a = ruleText({ and: [{ "==": [{ var: "lumisection.rr.tracker-pixel" }, "GOOD"] }, { "==": [{ var: "lumisection.oms.beam1_stable" }, true] }] });
    const b = ruleText({ and: [{ "==": [{ var: "lumisection.rr.tracker-strip" }, "GOOD"] }, { "==": [{ var: "lumisection.oms.beam1_stable" }, true] }] });
    const d = lineDiff(a, b);
    expect(d.filter((l) => l.kind === "removed").map((l) => l.text.trim())).toEqual(['"var": "lumisection.rr.tracker-pixel"']);
    expect(d.filter((l) => l.kind === "added").map((l) => l.text.trim())).toEqual(['"var": "lumisection.rr.tracker-strip"']);
    expect(d.filter((l) => l.kind === "same")).toHaveLength(a.split("\n").length - 1);
    expect(lineDiff("x", "x")).toEqual([{ kind: "same", text: "x" }]);
  });
});

describe("rule variables", () => {
  const known = ruleVariableNames(["tracker-pixel", "tracker-strip"], ["tibtid", "bpix"]);

  it("lists fixed facts, components and DCS bits", () => {
    expect(known).toContain("lumisection.rr.tracker-pixel");
    expect(known).toContain("lumisection.oms.bpix");
    expect(known).toContain("run.oms.energy");
  });

  it("finds the names a rule reads, not the element fields inside map/filter", () => {
    expect(variablesOf({ and: [{ "==": [{ var: "a.b" }, 1] }, { in: [{ var: ["c", "dflt"] }, ["x"]] }, { some: [{ var: "list" }, { "==": [{ var: "field" }, 1] }] }] })).toEqual(["a.b", "c", "list"]);
  });

  it("refuses a misspelt component with the name meant, and accepts objects and known names", () => {
    const unknown = unknownVariables({ and: [{ "==": [{ var: "lumisection.rr.trackr-pixel" }, "GOOD"] }, { "!!": [{ var: "lumisection.rr" }] }, { "==": [{ var: "run.oms.energy" }, 6800] }] }, known);
    expect(unknown).toEqual([{ name: "lumisection.rr.trackr-pixel", suggestions: ["lumisection.rr.tracker-pixel"] }]);
    expect(describeUnknownVariables(unknown)).toBe('unknown variable "lumisection.rr.trackr-pixel" (did you mean "lumisection.rr.tracker-pixel"?)');
    expect(unknownVariables({ "==": [1, 1] }, known)).toEqual([]);
  });
});
