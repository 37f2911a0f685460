import { describe, expect, it } from "vitest";
import { buildTrendOption, fillBandAreas, trendPositions, type TrendSeriesInput } from "./trend-option";

const t0 = Date.UTC(2017, 9, 1);
const series: TrendSeriesInput[] = [
  {
    name: "mean",
    points: [
      { run: 300003, value: 3, error: 0.3, time: t0 + 2e6, fill: 6200, weight: 10 },
      { run: 300001, value: 1, error: 0.1, time: t0, fill: 6100, weight: 30 },
      { run: 300002, value: 2, error: 0.2, time: t0 + 1e6, fill: 6100, weight: 20 },
    ],
  },
];

describe("trend positions", () => {
  it("uses run number, time or fill directly", () => {
    expect(trendPositions({ xAxis: "run", series }).get(300002)).toBe(300002);
    expect(trendPositions({ xAxis: "time", series }).get(300003)).toBe(t0 + 2e6);
    expect(trendPositions({ xAxis: "fill", series }).get(300001)).toBe(6100);
  });

  it("gives each run a slot as wide as its weight, in run order, centred", () => {
    const pos = trendPositions({ xAxis: "duration", series });
    expect([pos.get(300001), pos.get(300002), pos.get(300003)]).toEqual([15, 40, 55]);
  });

  it("shades every other fill", () => {
    const pos = trendPositions({ xAxis: "run", series });
    expect(fillBandAreas({ series }, pos)).toEqual([[300001, 300002]]);
  });
});

describe("buildTrendOption", () => {
  it("plots each metric with error bars when asked, and a time axis for time", () => {
    const opt = buildTrendOption({ title: "t", yTitle: "y", xAxis: "time", series, errorBars: true, fillBands: false, theme: "dark" });
    const s = opt.series as { type: string; data: unknown[] }[];
    expect(s.map((x) => x.type)).toEqual(["scatter", "custom"]);
    expect(s[0]!.data[0]).toEqual([t0 + 2e6, 3, 0.3, 300003, 6200]);
    expect((opt.xAxis as { type: string }).type).toBe("time");
  });

  it("omits error bars when not asked", () => {
    const opt = buildTrendOption({ title: "t", yTitle: "y", xAxis: "run", series, errorBars: false, fillBands: true, theme: "light" });
    expect((opt.series as unknown[]).length).toBe(1);
  });
});
