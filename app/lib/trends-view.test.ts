import { describe, expect, it } from "vitest";
import type { SelectionTree } from "../../server/hdqm/selection-tree";
import { parseTrendView } from "./trends-url";
import { closestNames, switchSubsystem, viewProblems } from "./trends-view";

const metric = (name: string) => ({ name, plotTitle: name, yTitle: `${name} [GeV]`, checks: false });
const datasets = [
  { primaryDataset: "ZeroBias", processingStrings: [{ name: "PromptReco-v1", runs: 10, lastRun: 302350 }] },
  { primaryDataset: "SingleMuon", processingStrings: [{ name: "PromptReco-v1", runs: 10, lastRun: 302350 }, { name: "UL2017-v1", runs: 3, lastRun: 302300 }] },
];
const tree: SelectionTree = {
  subsystems: [
    { name: "Muons", metrics: ["Z_peak_mass", "Z_peak_width", "Mean_Res_Phi"].map(metric), refused: [], datasets },
    { name: "Tracking", metrics: ["NumberOfTracks_GenTk_mean", "Z_peak_mass"].map(metric), refused: [], datasets: [datasets[0]!] },
  ],
};
const problems = (q: string) => viewProblems(new URLSearchParams(q), tree);

describe("unknown names in a trend URL", () => {
  it("names an unknown subsystem and offers the closest, keeping the rest of the URL", () => {
    const [p, ...rest] = problems("ss=Muonz&m=Z_peak_mass&n=30");
    expect(rest).toEqual([]);
    expect(p!.message).toBe("There is no subsystem “Muonz”. Did you mean one of these?");
    expect(p!.suggestions[0]).toEqual({ label: "Muons", search: "ss=Muons&m=Z_peak_mass&n=30" });
  });

  it("replaces only the misspelt metric of a list in its suggestion", () => {
    const [p] = problems("ss=Muons&m=Z_peak_mass,Z_peak_widht");
    expect(p!.key).toBe("m");
    expect(p!.message).toContain("no metric “Z_peak_widht” in Muons");
    expect(new URLSearchParams(p!.suggestions[0]!.search).get("m")).toBe("Z_peak_mass,Z_peak_width");
  });

  it("names datasets, processing strings, axes and axis limits that do not exist", () => {
    expect(problems("ss=Muons&pd=ZeroBiass").map((p) => p.suggestions[0]?.label)).toEqual(["ZeroBias"]);
    expect(problems("ss=Muons&pd=SingleMuon&ps=UL2018").map((p) => p.key)).toEqual(["ps"]);
    expect(problems("x=sideways")[0]!.message).toMatch(/not an x axis; the axes are run, time, fill, duration, luminosity/);
    expect(problems("ymin=low")[0]!.message).toBe("The axis limit ymin = “low” is not a number.");
    expect(problems("ss=Muons&m=Z_peak_mass&x=luminosity&ymin=88")).toEqual([]);
  });

  it("answers junk in a run list instead of dropping it, and offers the valid runs", () => {
    const [p] = problems("sel=list&list=302350_abc_302351");
    expect(p!.message).toBe("The run list has an entry that is not a run number: “abc”.");
    expect(p!.suggestions[0]).toMatchObject({ label: "show the 2 valid runs" });
    expect(new URLSearchParams(p!.suggestions[0]!.search).get("list")).toBe("302350_302351");
  });

  it("ranks the same name in another case, then containing names, then near spellings", () => {
    expect(closestNames("muons", ["Tracking", "Muons"])).toEqual(["Muons"]);
    expect(closestNames("peak", ["Z_peak_mass", "Mean_Res_Phi", "Z_peak_width"])).toEqual(["Z_peak_mass", "Z_peak_width"]);
    expect(closestNames("qqqqqq", ["Muons"])).toEqual([]);
  });
});

describe("switching subsystem", () => {
  it("keeps the dataset, runs, display and metrics the new subsystem has", () => {
    const view = { ...parseTrendView(new URLSearchParams("ss=Muons&pd=ZeroBias&ps=PromptReco-v1&m=Z_peak_mass,Z_peak_width&sel=range&from=1&to=9&x=luminosity&ymin=3")) };
    const next = switchSubsystem(view, tree, "Tracking");
    expect(next).toMatchObject({ subsystem: "Tracking", primaryDataset: "ZeroBias", processingString: "PromptReco-v1", metrics: ["Z_peak_mass"], runs: { kind: "range", from: 1, to: 9 }, xAxis: "luminosity" });
    expect(next.range.yMin).toBe(3);
  });

  it("falls back to the new subsystem's first dataset only when it lacks the current one", () => {
    const view = parseTrendView(new URLSearchParams("ss=Muons&pd=SingleMuon&ps=UL2017-v1"));
    expect(switchSubsystem(view, tree, "Tracking")).toMatchObject({ primaryDataset: "ZeroBias", processingString: "PromptReco-v1", metrics: [] });
  });
});
