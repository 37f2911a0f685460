import { describe, expect, it } from "vitest";
import { buildCorrelationOption, regressionLabel } from "./correlation-option";
import { chartThemes } from "./chart-theme";
import { buildHistogramOption, stepPoints } from "./histogram-option";

describe("histogram option", () => {
  const data = { label: "run 1", edges: [0, 1, 2], contents: [4, 6] };
  const reference = { label: "ref", edges: [0, 1, 2], contents: [10, 10] };

  it("draws bins as flat steps", () => {
    expect(stepPoints(data)).toEqual([[0, 4], [1, 4], [1, 6], [2, 6]]);
  });

  it("scales the reference to the data's integral and adds a pull panel", () => {
    const opt = buildHistogramOption({ title: "h", data, reference, pulls: [0.5, -0.5], theme: "dark" });
    const series = opt.series as { name: string; data: number[][] }[];
    expect(series[1]!.data[0]).toEqual([0, 5]);
    expect(series[2]!.name).toBe("pull");
    expect((opt.grid as unknown[]).length).toBe(2);
  });

  it("aligns the pull panel with the main panel and colours large pulls", () => {
    const opt = buildHistogramOption({ title: "h", data, reference, pulls: [3.5, -2.2], theme: "dark" });
    const [main, pull] = opt.xAxis as { min: number; max: number }[];
    expect([main!.min, main!.max]).toEqual([0, 2]);
    expect([pull!.min, pull!.max]).toEqual([0, 2]);
    const grids = opt.grid as { left: number }[];
    expect(grids[0]!.left).toBe(grids[1]!.left);
    expect((opt.yAxis as { nameLocation: string }[])[1]!.nameLocation).toBe("middle");
    const bars = (opt.series as { data: { itemStyle: { color: string } }[] }[])[2]!.data;
    expect(bars.map((b) => b.itemStyle.color)).toEqual([chartThemes.dark.bad, chartThemes.dark.palette[4]]);
  });
});

describe("correlation option", () => {
  it("writes the regression formula and draws the line over the x range", () => {
    const fit = { slope: 2, intercept: -1, r: 0.987 };
    expect(regressionLabel(fit)).toBe("y = 2.000·x − 1.000   (r = 0.987)");
    const opt = buildCorrelationOption({ xName: "a", yName: "b", points: [[1, 1, 10], [3, 5, 11]], fit, theme: "light" });
    const line = (opt.series as { data: number[][] }[])[1]!;
    expect(line.data).toEqual([[1, 1], [3, 5]]);
  });
});
