import { describe, expect, it } from "vitest";
import { dataKey, decodeGolden, defaultView, encodeGolden, parseRunList, parseTrendView, readGoldenJson, runListJunk, serializeTrendView, type TrendView } from "./trends-url";

describe("trend view in the URL", () => {
  it("round-trips every part of a view", () => {
    const view: TrendView = {
      subsystem: "Muons",
      primaryDataset: "ZeroBias",
      processingString: "09Aug2019_UL2017-v1",
      metrics: ["Z_peak_mass", "Z_peak_width"],
      search: "peak",
      runs: { kind: "golden", json: { "306134": [[1, 50], [60, 80]], "297050": [[12, 137]] } },
      xAxis: "luminosity",
      errorBars: false,
      fillBands: false,
      includeAll: true,
      correlation: true,
      quantity: "recordedLumi",
      overlays: [
        { subsystem: "Tracking", metric: "NumberOfTracks_GenTk_mean", primaryDataset: null, processingString: null },
        { subsystem: "Muons", metric: "Z_peak_width", primaryDataset: "SingleMuon", processingString: "PromptReco-v1" },
      ],
      point: { run: 306134, metric: "Z_peak_width", overlay: 1 },
      referenceRun: 297050,
      range: { yMin: 88.5, yMax: 93, xMin: 0.5, xMax: null },
      grid: true,
      fullScreen: "Z_peak_width",
    };
    expect(parseTrendView(new URLSearchParams(serializeTrendView(view).toString()))).toEqual(view);
  });

  it("writes nothing for the defaults and reads them back", () => {
    expect(serializeTrendView(defaultView).toString()).toBe("");
    expect(parseTrendView(new URLSearchParams())).toEqual(defaultView);
  });

  it("falls back to defaults on bad values", () => {
    const v = parseTrendView(new URLSearchParams("x=sideways&n=-3&sel=range&from=5&eb=maybe&m=ok,bad%20name&pt=12"));
    expect(v.xAxis).toBe("run");
    expect(v.runs).toEqual({ kind: "latest", n: 500 });
    expect(v.errorBars).toBe(true);
    expect(v.metrics).toEqual(["ok"]);
    expect(v.point).toBeNull();
  });

  it("orders a reversed range and reads run lists with any separator", () => {
    expect(parseTrendView(new URLSearchParams("sel=range&from=20&to=10")).runs).toEqual({ kind: "range", from: 10, to: 20 });
    expect(parseRunList("3, 1\n2 x 2_4")).toEqual([1, 2, 3, 4]);
    expect(runListJunk("3, 1\n2 x 2_4 -5 30235O")).toEqual(["x", "-5", "30235O"]);
    expect(runListJunk("302350, 302351")).toEqual([]);
  });

  it("encodes golden JSONs compactly and refuses malformed ones", () => {
    expect(encodeGolden({ "2": [[1, 5]], "10": [[1, 2], [4, 9]] })).toBe("2.1-5_10.1-2.4-9");
    expect(decodeGolden("2.5-1")).toBeNull();
    expect(readGoldenJson('{"306134": [[1, 10]]}')).toEqual({ "306134": [[1, 10]] });
    expect(readGoldenJson('{"306134": [[10, 1]]}')).toMatch(/not a range/);
    expect(readGoldenJson("[1]")).toMatch(/object/);
  });

  it("keys data by everything but the metric filter", () => {
    expect(dataKey(new URLSearchParams("m=a&q=x"))).toBe(dataKey(new URLSearchParams("q=y&m=a")));
    expect(dataKey(new URLSearchParams("m=a"))).not.toBe(dataKey(new URLSearchParams("m=b")));
    // Axis ranges and the full-screen metric are drawn from what the page already has.
    expect(dataKey(new URLSearchParams("m=a&grid=1&ymin=1&xmax=2&fs=a"))).toBe(dataKey(new URLSearchParams("m=a&grid=1")));
    expect(dataKey(new URLSearchParams("m=a&grid=1"))).not.toBe(dataKey(new URLSearchParams("m=a")));
  });
});
