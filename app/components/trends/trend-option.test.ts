import { describe, expect, it } from "vitest";
import type { XAXisComponentOption, YAXisComponentOption } from "echarts";
import { buildTrendColumnsOption } from "../../../charts/trend-columns-option";
import { noRanges } from "../../lib/trends-url";
import { readRanges } from "./axis-range-form";
import { dataRange, decorateTrendOption, unitOf, yAxisTitle } from "./trend-option";

const base = (xAxis: "run" | "luminosity") =>
  buildTrendColumnsOption({
    title: "Z peak [GeV]",
    yTitle: "Z peak [GeV]",
    xAxis,
    series: [{ name: "Z_peak_mass", run: [1, 2], x: xAxis === "run" ? [1, 2] : [500, 1500], value: [91, 91.2], error: [0.1, 0.1], yTitle: "Z peak [GeV]" }],
    errorBars: true,
    fillBands: false,
    theme: "dark",
  });

describe("trend chart additions", () => {
  it("keeps units in the y title without repeating the chart title", () => {
    expect(unitOf("Z peak [GeV]")).toBe("GeV");
    expect(unitOf("Valid rec. hits per track")).toBeNull();
    expect(yAxisTitle("Z peak [GeV]", "Z peak [GeV]")).toBe("value [GeV]");
    expect(yAxisTitle("Hits", "Hits")).toBe("value (no unit)");
    expect(yAxisTitle("Mass [GeV]", "Z → μμ peak")).toBe("Mass [GeV]");
  });

  it("scales the luminosity axis in fb⁻¹ and takes typed limits in fb⁻¹", () => {
    const o = decorateTrendOption(base("luminosity"), { xAxis: "luminosity", range: { ...noRanges, xMin: 0.5, xMax: 2 }, plotTitle: "Z peak [GeV]", title: "Z peak [GeV]" });
    const x = o.xAxis as XAXisComponentOption & { axisLabel: { show: boolean; formatter: (v: number) => string } };
    expect(x.name).toBe("Integrated luminosity [fb⁻¹] (runs end to end)");
    expect(x.axisLabel.show).toBe(true);
    expect(x.axisLabel.formatter(1500)).toBe("1.5");
    expect([x.min, x.max]).toEqual([500, 2000]);
    expect(dataRange("run", { ...noRanges, xMin: 5 }).xMin).toBe(5);
  });

  it("applies y limits and a middle y title", () => {
    const o = decorateTrendOption(base("run"), { xAxis: "run", range: { ...noRanges, yMin: 90, yMax: 92 }, plotTitle: "Z peak [GeV]", title: "Z peak [GeV]" });
    const y = o.yAxis as YAXisComponentOption;
    expect([y.min, y.max, y.name, y.nameLocation]).toEqual([90, 92, "value [GeV]", "middle"]);
    expect((o.dataZoom as unknown[]).length).toBe(2);
  });

  it("exports without the slider and with the naming title", () => {
    const o = decorateTrendOption(base("run"), { xAxis: "run", range: noRanges, plotTitle: "Z peak [GeV]", title: "Muons · Z_peak_mass · ZeroBias / PromptReco · runs 1–2", forExport: true });
    expect(o.dataZoom).toEqual([]);
    expect((o.title as { text: string }).text).toBe("Muons · Z_peak_mass · ZeroBias / PromptReco · runs 1–2");
  });

  it("reads typed ranges and names the wrong field", () => {
    expect(readRanges({ yMin: "1", yMax: "", xMin: "", xMax: "" }, false)).toEqual({ ...noRanges, yMin: 1 });
    expect(readRanges({ yMin: "a", yMax: "", xMin: "", xMax: "" }, false)).toBe("y from: “a” is not a number");
    expect(readRanges({ yMin: "3", yMax: "2", xMin: "", xMax: "" }, false)).toBe("y from must be below y to");
    expect(readRanges({ yMin: "", yMax: "", xMin: "2026-01-01T00:00", xMax: "" }, true)).toEqual({ ...noRanges, xMin: Date.UTC(2026, 0, 1) });
  });
});
