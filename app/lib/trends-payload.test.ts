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
});
