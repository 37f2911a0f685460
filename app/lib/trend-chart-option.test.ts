import { describe, expect, it } from "vitest";
import { drawingOption, drawingText, mainSeriesOf, overlaidSeries, trendChartOption, unpackOverlays } from "./trend-chart-option";
import { packTrend, unpackTrend, type ChartTrend } from "./trends-payload";
import { parseTrendView } from "./trends-url";

const trend: ChartTrend = {
  xAxis: "run",
  runs: { run: [300001, 300002, 300003], fill: [7001, 7001, 7002] },
  series: [{ name: "Z_peak_mass", plotTitle: "Z peak </script> mass", yTitle: "mass [GeV]", run: [300001, 300002, 300003], x: [300001, 300002, 300003], value: [91.1, 91.2, 91.15], error: [0.1, 0.2, 0.1] }],
};
const overlay: ChartTrend = { ...trend, series: [{ ...trend.series[0]!, name: "Tracking/hits", yTitle: "hits", value: [12, 13, 14] }] };
const view = { ...parseTrendView(new URLSearchParams("ss=Muons&pd=ZeroBias&ps=v1&m=Z_peak_mass&pt=300002&pm=Z_peak_mass")), subsystem: "Muons", primaryDataset: "ZeroBias", processingString: "v1" };

/** An option as JSON (functions — formatters — left out, typed arrays as their numbers). */
const asJson = (o: unknown) => JSON.stringify(o, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v));

if (view.point?.run !== 300002) throw new Error("the test view must open run 300002's point");

describe("the trend drawing (what the server's HTML carries for the chart drawn before hydration)", () => {
  it("is script-safe text: no '<' that could end its script element", () => {
    const text = drawingText({ packed: packTrend(trend), overlays: "", view, theme: "dark" });
    expect(text).not.toContain("<");
    expect(JSON.parse(text)).toMatchObject({ theme: "dark", view: { subsystem: "Muons" } });
  });

  it("gives the same option as the page builds from its loader data, overlays and the opened point included", () => {
    const packed = packTrend(trend);
    const overlays = ["", packTrend(overlay)].join("\n");
    const page = unpackTrend(packed);
    const main = mainSeriesOf(page)!;
    const expected = trendChartOption({ series: main, overlays: overlaidSeries(main, page.xAxis, unpackOverlays(overlays)), trend: page, view, theme: "light", highlight: view.point!.run });
    const drawn = drawingOption(drawingText({ packed, overlays, view, theme: "light" }));
    expect(asJson(drawn)).toBe(asJson(expected));
    // The opened point is ringed, the overlay drawn: the comparison covers them.
    expect(asJson(drawn)).toContain('"name":"run 300002"');
    expect(asJson(drawn)).toContain('"name":"Tracking/hits"');
  });

  it("draws nothing when no series has a point", () => {
    const empty: ChartTrend = { ...trend, series: [{ ...trend.series[0]!, run: [], x: [], value: [], error: [] }] };
    expect(drawingOption(drawingText({ packed: packTrend(empty), overlays: "", view, theme: "dark" }))).toBeNull();
  });
});
