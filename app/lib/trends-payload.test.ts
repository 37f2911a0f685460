import { describe, expect, it } from "vitest";
import { packTrend, unpackTrend, type ChartTrend } from "./trends-payload";

const trend: ChartTrend = {
  xAxis: "run",
  runs: { run: [1, 2], fill: [10, null] },
  series: [{ name: "m", plotTitle: "M", yTitle: "GeV", run: [1, 2], x: [1, 2], value: [91.18761234567, 0], error: [0.0123456, 0.5] }],
};

describe("trend payload", () => {
  it("round-trips, rounding values for display and restoring x from runs on the run axis", () => {
    const back = unpackTrend(packTrend(trend));
    expect(back.series[0]).toEqual({ ...trend.series[0], value: [91.18761, 0], error: [0.0123, 0.5] });
    expect(back.runs).toEqual(trend.runs);
    expect(packTrend(trend)).not.toContain('"x"');
  });

  it("keeps x on other axes", () => {
    const t: ChartTrend = { ...trend, xAxis: "fill", series: [{ ...trend.series[0]!, x: [10, null] }] };
    expect(unpackTrend(packTrend(t)).series[0]!.x).toEqual([10, null]);
  });

  it("restores runs in any order, a series' own runs and fills of any pattern", () => {
    const t: ChartTrend = {
      xAxis: "run",
      runs: { run: [5, 3, 9, 10], fill: [null, null, 7, 7] },
      series: [
        { name: "a", plotTitle: "A", yTitle: "", run: [5, 3, 9, 10], x: [5, 3, 9, 10], value: [1, 2, 3, 4], error: [0, 0, 0, 0] },
        { name: "b", plotTitle: "B", yTitle: "", run: [10, 3], x: [10, 3], value: [5, 6], error: [1, 1] },
      ],
    };
    const back = unpackTrend(packTrend(t));
    expect(back).toEqual(t);
    // The series' arrays are their own: sorting one in place leaves the trend's runs alone.
    back.series[0]!.run.sort((x, y) => x - y);
    expect(back.runs.run).toEqual([5, 3, 9, 10]);
  });

  it("round-trips an empty trend", () => {
    const t: ChartTrend = { xAxis: "run", runs: { run: [], fill: [] }, series: [{ name: "m", plotTitle: "M", yTitle: "", run: [], x: [], value: [], error: [] }] };
    expect(unpackTrend(packTrend(t))).toEqual(t);
  });

  it("sends 10,000 consecutive runs in fills of 40 in a few kilobytes besides the values", () => {
    const run = Array.from({ length: 10_000 }, (_, i) => 300_000 + i);
    const fill = run.map((r) => 7000 + Math.floor((r - 300_000) / 40));
    const t: ChartTrend = { xAxis: "run", runs: { run, fill }, series: [{ name: "m", plotTitle: "M", yTitle: "", run, x: run, value: run.map(() => 0), error: run.map(() => 0) }] };
    const text = packTrend(t);
    // Values and errors of 0 take 2 characters each: 40,000; runs (differences of 1) 20,000; fills 250 pairs.
    expect(text.length).toBeLessThan(64_000);
    expect(unpackTrend(text)).toEqual(t);
  });
});
