import { describe, expect, it } from "vitest";
import type { TrendColumns } from "../../server/hdqm/trend-columns";
import { chartTrendOf } from "./trends-page.server";

const columns = (x: TrendColumns["x"]): TrendColumns => ({
  xAxis: x ? "fill" : "run",
  run: [10, 11, 12],
  x,
  width: null,
  runFields: { fill: [5, 5, 6] },
  series: [{ metricId: 1, subsystem: "S", name: "m", plotTitle: "M", yTitle: "y", value: [1.5, null, 2.5], error: [0.1, null, 0.2] }],
});

describe("chartTrendOf", () => {
  it("gives each series its own runs, x, values and errors, leaving out runs without a point", () => {
    const t = chartTrendOf(columns(null));
    expect(t.runs).toEqual({ run: [10, 11, 12], fill: [5, 5, 6] });
    expect(t.series[0]).toMatchObject({ name: "m", run: [10, 12], x: [10, 12], value: [1.5, 2.5], error: [0.1, 0.2] });
  });

  it("takes x from the answer when the axis is not the run number, and null fills when no fill was asked", () => {
    const withX = chartTrendOf(columns([5, 5, 6]));
    expect(withX.series[0]!.x).toEqual([5, 6]);
    const noFill = chartTrendOf({ ...columns(null), runFields: {} });
    expect(noFill.runs.fill).toEqual([null, null, null]);
  });
});
