import { describe, expect, it } from "vitest";
import { buildTrendColumnsOption, columnData, fillBands, LARGE_SERIES, pointLabel, type TrendColumns } from "./trend-columns-option";

const a: TrendColumns = { name: "a", run: [300001, 300002, 300003, 300004], x: [300001, 300002, null, 300004], value: [1, 2, 3, 4], error: [0.1, 0.2, 0.3, 0.4] };
const runs = { run: [300001, 300002, 300003, 300004], fill: [6100, 6100, 6101, 6102] };

describe("columnar trend option", () => {
  it("turns columns into [x, value, error, run] and drops runs with no position", () => {
    expect(columnData(a)).toEqual([[300001, 1, 0.1, 300001], [300002, 2, 0.2, 300002], [300004, 4, 0.4, 300004]]);
  });

  it("shades every other fill over the positions of its runs", () => {
    expect(fillBands(runs, new Map([[300001, 1], [300002, 2], [300003, 3], [300004, 4]]))).toEqual([[1, 2], [4, 4]]);
  });

  it("overlays metrics, each with its error bars, on a time axis for time", () => {
    const b = { ...a, name: "b" };
    const opt = buildTrendColumnsOption({ title: "t", yTitle: "y", xAxis: "time", series: [a, b], runs, errorBars: true, fillBands: true, theme: "dark" });
    const s = opt.series as { type: string; name: string; markArea?: { data: unknown[] } }[];
    expect(s.map((x) => `${x.type}:${x.name}`)).toEqual(["scatter:a", "custom:a", "scatter:b", "custom:b"]);
    // Run 300003 has no position, so fill 6101 has no band: fills 6100 and 6102 alternate.
    expect(s[0]!.markArea?.data).toEqual([[{ xAxis: 300001 }, { xAxis: 300002 }]]);
    expect((opt.xAxis as { type: string }).type).toBe("time");
    expect(opt.animation).toBe(false);
    expect(opt.useUTC).toBe(true);
    // Error bars span value ± error, so the axis covers them (and not the error's own scale).
    expect((s[1] as unknown as { data: number[][] }).data[0]).toEqual([300001, 0.9, 1.1]);
  });

  it("gives two metrics with different units an axis each", () => {
    const opt = buildTrendColumnsOption({ title: "t", yTitle: "y", xAxis: "run", series: [{ ...a, yTitle: "GeV" }, { ...a, name: "b", yTitle: "hits" }], errorBars: true, fillBands: false, theme: "dark" });
    expect((opt.yAxis as { name: string }[]).map((y) => y.name)).toEqual(["GeV", "hits"]);
    expect((opt.series as { yAxisIndex: number }[]).map((x) => x.yAxisIndex)).toEqual([0, 0, 1, 1]);
  });

  it("draws big series in large mode, without error bars or bands when not asked", () => {
    const n = LARGE_SERIES + 1;
    const big: TrendColumns = { name: "big", run: Array.from({ length: n }, (_, i) => i + 1), x: Array.from({ length: n }, (_, i) => i + 1), value: new Array<number>(n).fill(1), error: new Array<number>(n).fill(0) };
    const opt = buildTrendColumnsOption({ title: "t", yTitle: "y", xAxis: "run", series: [big], errorBars: false, fillBands: false, theme: "light" });
    const s = opt.series as { large: boolean; data: unknown[]; markArea?: unknown }[];
    expect(s).toHaveLength(1);
    const withBars = buildTrendColumnsOption({ title: "t", yTitle: "y", xAxis: "run", series: [big], errorBars: true, fillBands: false, theme: "light" });
    const bars = (withBars.series as { type: string; large: boolean; data: Float64Array }[])[1]!;
    expect(bars).toMatchObject({ type: "lines", large: true });
    // Flat lines form: two points (x, value - error), (x, value + error) per run.
    expect([...bars.data.subarray(0, 5)]).toEqual([2, 1, 1, 1, 1]);
    expect(bars.data).toHaveLength(5 * n);
    expect(s[0]!.large).toBe(true);
    // Typed rows [x, value, error, run]: ECharts hands a row back as the clicked datum.
    expect(s[0]!.data).toBeInstanceOf(Float64Array);
    expect(s[0]!.data).toHaveLength(4 * n);
    expect([...(s[0]!.data as unknown as Float64Array).subarray(4 * (n - 1))]).toEqual([n, 1, 0, n]);
    expect(s[0]!.markArea).toBeUndefined();
  });

  it("rings the run whose details are open, and labels points with run, value and error", () => {
    const opt = buildTrendColumnsOption({ title: "t", yTitle: "y", xAxis: "run", series: [a], errorBars: false, fillBands: false, theme: "dark", highlightRun: 300002 });
    const s = opt.series as { name: string; data: unknown[] }[];
    expect(s[1]).toMatchObject({ name: "run 300002", data: [[300002, 2]] });
    expect(pointLabel("a", [300002, 2.123456, 0.0001, 300002])).toBe("run 300002 · a: 2.1235 ± 1.000e-4");
  });
});
