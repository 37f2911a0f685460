import { describe, expect, it } from "vitest";
import type { SelectionTree } from "../../server/hdqm/selection-tree";
import { buildTrendColumnsOption } from "../../charts/trend-columns-option";
import { seriesAxes, withSeriesAxes } from "../components/trends/trend-option";
import { overlayProblems } from "./trends-overlay-problems";
import { formatOverlay, MAX_OVERLAYS, overlayDataset, overlayLabel, parseOverlay, parseOverlays } from "./trends-overlays";
import { parseTrendView, serializeTrendView } from "./trends-url";

const metric = (name: string, yTitle = `${name} [GeV]`) => ({ name, plotTitle: name, yTitle, checks: false });
const zeroBias = { primaryDataset: "ZeroBias", processingStrings: [{ name: "PromptReco-v1", runs: 10, lastRun: 302350 }, { name: "Express-v1", runs: 10, lastRun: 302350 }] };
const singleMuon = { primaryDataset: "SingleMuon", processingStrings: [{ name: "PromptReco-v1", runs: 10, lastRun: 302350 }] };
const tree: SelectionTree = {
  subsystems: [
    { name: "Muons", metrics: [metric("Z_peak_mass"), metric("Z_peak_width")], refused: [], datasets: [zeroBias, singleMuon] },
    { name: "Tracking", metrics: [metric("NumberOfTracks_GenTk_mean", "Tracks per event")], refused: [], datasets: [zeroBias] },
  ],
};
const main = { primaryDataset: "ZeroBias", processingString: "PromptReco-v1" };
const problems = (q: string) => overlayProblems(new URLSearchParams(q), tree, main);

describe("overlays in the trend URL", () => {
  it("reads subsystem:metric (the chart's dataset) and subsystem:metric:dataset:processing string", () => {
    expect(parseOverlay("Tracking:NumberOfTracks_GenTk_mean")).toEqual({ subsystem: "Tracking", metric: "NumberOfTracks_GenTk_mean", primaryDataset: null, processingString: null });
    expect(parseOverlay("Muons:Z_peak_mass:SingleMuon:PromptReco-v1")).toEqual({ subsystem: "Muons", metric: "Z_peak_mass", primaryDataset: "SingleMuon", processingString: "PromptReco-v1" });
    for (const bad of ["Muons", "Muons:Z_peak_mass:SingleMuon", "Muons:Z peak", "Mu/ons:x", ":x", "a:b:c:d:e"]) expect(parseOverlay(bad)).toBeNull();
  });

  it("keeps the order, drops repeats and malformed entries, and keeps at most MAX_OVERLAYS", () => {
    const q = new URLSearchParams();
    for (const v of ["Tracking:NumberOfTracks_GenTk_mean", "bad", "Tracking:NumberOfTracks_GenTk_mean", ...Array.from({ length: 6 }, (_, i) => `Muons:m${i}`)]) q.append("ov", v);
    const overlays = parseOverlays(q);
    expect(overlays).toHaveLength(MAX_OVERLAYS);
    expect(overlays.map(formatOverlay)).toEqual(["Tracking:NumberOfTracks_GenTk_mean", "Muons:m0", "Muons:m1", "Muons:m2"]);
  });

  it("round-trips through the view, with a point on an overlay", () => {
    const view = parseTrendView(new URLSearchParams("ss=Muons&m=Z_peak_mass&ov=Tracking:NumberOfTracks_GenTk_mean&ov=Muons:Z_peak_mass:SingleMuon:PromptReco-v1&pt=302300&pm=Z_peak_mass&po=2"));
    expect(view.overlays.map(overlayLabel)).toEqual(["Tracking/NumberOfTracks_GenTk_mean", "Muons/Z_peak_mass (SingleMuon / PromptReco-v1)"]);
    expect(view.point).toEqual({ run: 302300, metric: "Z_peak_mass", overlay: 1 });
    expect(serializeTrendView(view).getAll("ov")).toEqual(["Tracking:NumberOfTracks_GenTk_mean", "Muons:Z_peak_mass:SingleMuon:PromptReco-v1"]);
    expect(parseTrendView(serializeTrendView(view))).toEqual(view);
    // A point on an overlay that is not there is a point on the main series.
    expect(parseTrendView(new URLSearchParams("m=Z_peak_mass&pt=1&pm=Z_peak_mass&po=3")).point).toEqual({ run: 1, metric: "Z_peak_mass", overlay: null });
  });

  it("reads the chart's dataset unless the overlay names its own", () => {
    expect(overlayDataset(parseOverlay("Tracking:x")!, main)).toEqual(main);
    expect(overlayDataset(parseOverlay("Muons:x:SingleMuon:PromptReco-v1")!, main)).toEqual({ primaryDataset: "SingleMuon", processingString: "PromptReco-v1" });
  });
});

describe("what is wrong with an overlay", () => {
  it("finds nothing wrong with known names", () => {
    expect(problems("ov=Tracking:NumberOfTracks_GenTk_mean&ov=Muons:Z_peak_width:SingleMuon:PromptReco-v1")).toEqual([]);
  });

  it("names an unknown subsystem, offers the closest and the overlay's removal, keeping the rest of the URL", () => {
    const [p, ...rest] = problems("m=Z_peak_mass&ov=Trackin:NumberOfTracks_GenTk_mean&ov=Muons:Z_peak_width");
    expect(rest).toEqual([]);
    expect(p!.message).toBe("The overlay names no subsystem “Trackin”. Did you mean one of these?");
    expect(p!.suggestions[0]).toEqual({ label: "Tracking/NumberOfTracks_GenTk_mean", search: "m=Z_peak_mass&ov=Tracking%3ANumberOfTracks_GenTk_mean&ov=Muons%3AZ_peak_width" });
    expect(p!.suggestions.at(-1)).toEqual({ label: "remove this overlay", search: "m=Z_peak_mass&ov=Muons%3AZ_peak_width" });
  });

  it("names an unknown metric within its subsystem", () => {
    const [p] = problems("ov=Muons:Z_peak_widht");
    expect(p!.message).toBe("The overlay names no metric “Z_peak_widht” in Muons. Did you mean one of these?");
    expect(p!.suggestions[0]!.label).toBe("Muons/Z_peak_width");
  });

  it("says when the overlay's subsystem lacks the dataset, its own or the chart's", () => {
    expect(problems("ov=Tracking:NumberOfTracks_GenTk_mean:SingleMuon:PromptReco-v1")[0]!.message).toBe("Tracking has no primary dataset “SingleMuon” for the overlay NumberOfTracks_GenTk_mean.");
    const [p] = overlayProblems(new URLSearchParams("ov=Tracking:NumberOfTracks_GenTk_mean"), tree, { primaryDataset: "SingleMuon", processingString: "PromptReco-v1" });
    expect(p!.message).toBe("Tracking has no primary dataset “SingleMuon” (the main series' dataset) for the overlay NumberOfTracks_GenTk_mean.");
    expect(problems("ov=Muons:Z_peak_mass:ZeroBias:Express-v2")[0]!.message).toBe("Muons has no processing string “Express-v2” in ZeroBias for the overlay Z_peak_mass.");
    expect(problems("ov=Muons:Z_peak_mass:ZeroBias:Express-v2")[0]!.suggestions[0]!.label).toBe("Muons/Z_peak_mass in ZeroBias / Express-v1");
  });

  it("explains a malformed entry and too many overlays", () => {
    expect(problems("ov=Muons")[0]!.message).toBe("The overlay “Muons” is not subsystem:metric or subsystem:metric:primary dataset:processing string.");
    const many = problems(Array.from({ length: MAX_OVERLAYS + 2 }, (_, i) => `ov=Muons:Z_peak_${i % 2 ? "mass" : "width"}`).join("&"));
    expect(many.map((p) => p.message)).toEqual([`At most ${MAX_OVERLAYS} overlays fit on one chart; 2 more were asked for.`]);
  });
});

describe("y axes of an overlaid chart", () => {
  it("puts the first unit on the left and every other unit on one right axis", () => {
    expect(seriesAxes(["Z peak [GeV]", "Z peak [GeV]"])).toEqual({ index: [0, 0], names: ["Z peak [GeV]"] });
    expect(seriesAxes(["Z peak [GeV]", "Tracks per event", "Z width [GeV]", "Tracks per event"])).toEqual({ index: [0, 1, 1, 1], names: ["Z peak [GeV]", "Tracks per event · Z width [GeV]"] });
  });
});

describe("an overlaid chart's option", () => {
  it("draws each overlay's points and error bars on the axis of its unit, the right one named and coloured by its only series", () => {
    const one = (name: string, yTitle: string) => ({ name, yTitle, plotTitle: name, run: [1, 2], x: [1, 2], value: [1, 2], error: [0.1, 0.1] });
    const series = [one("Z_peak_mass", "Z peak [GeV]"), one("Tracking/NumberOfTracks_GenTk_mean", "Tracks per event"), one("Muons/Z_peak_mass (ZeroBias / PromptReco-v1)", "Z peak [GeV]")];
    const option = withSeriesAxes(buildTrendColumnsOption({ title: "Z peak", yTitle: "Z peak [GeV]", xAxis: "run", series, errorBars: true, fillBands: false, theme: "dark" }), series);
    const drawn = (option.series as { name: string; type: string; yAxisIndex: number; itemStyle?: { color: string } }[]).map((s) => [s.name, s.type, s.yAxisIndex]);
    expect(drawn).toEqual(series.flatMap((s, i) => [[s.name, "scatter", i === 1 ? 1 : 0], [s.name, "custom", i === 1 ? 1 : 0]]));
    const axes = option.yAxis as { name: string; position: string; nameTextStyle: { color: string } }[];
    expect(axes.map((a) => [a.name, a.position])).toEqual([["Z peak [GeV]", "left"], ["Tracks per event", "right"]]);
    const overlayColour = (option.series as { name: string; itemStyle?: { color: string } }[]).find((s) => s.name === series[1]!.name)!.itemStyle!.color;
    expect(axes[1]!.nameTextStyle.color).toBe(overlayColour);
    expect(axes[0]!.nameTextStyle.color).not.toBe(overlayColour);
  });
});
