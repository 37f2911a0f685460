/** Correlation of two metrics over the same runs, with the fitted regression line and formula. */
import type { EChartsOption } from "echarts";
import { chartThemes, type ThemeName } from "./chart-theme";

export interface CorrelationInput {
  readonly xName: string;
  readonly yName: string;
  /** [x, y, run] per run present in both metrics. */
  readonly points: readonly (readonly [number, number, number])[];
  readonly fit: { readonly slope: number; readonly intercept: number; readonly r: number } | null;
  readonly theme: ThemeName;
}

export function regressionLabel(fit: NonNullable<CorrelationInput["fit"]>): string {
  const sign = fit.intercept < 0 ? "−" : "+";
  return `y = ${fit.slope.toPrecision(4)}·x ${sign} ${Math.abs(fit.intercept).toPrecision(4)}   (r = ${fit.r.toFixed(3)})`;
}

export function buildCorrelationOption(input: CorrelationInput): EChartsOption {
  const theme = chartThemes[input.theme];
  const xs = input.points.map((p) => p[0]);
  const [lo, hi] = xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
  const fit = input.fit;
  return {
    animation: false,
    backgroundColor: theme.background,
    title: { text: `${input.yName} vs ${input.xName}`, subtext: fit ? regressionLabel(fit) : "too few runs for a fit", left: "center", textStyle: { color: theme.text, fontSize: 16 }, subtextStyle: { color: theme.muted } },
    grid: { left: 70, right: 30, top: 80, bottom: 60 },
    tooltip: { trigger: "item" },
    toolbox: { right: 10, feature: { saveAsImage: {} } },
    xAxis: { type: "value", name: input.xName, nameLocation: "middle", nameGap: 30, scale: true, nameTextStyle: { color: theme.text }, axisLabel: { color: theme.muted }, splitLine: { lineStyle: { color: theme.grid } } },
    yAxis: { type: "value", name: input.yName, scale: true, nameTextStyle: { color: theme.text }, axisLabel: { color: theme.muted }, splitLine: { lineStyle: { color: theme.grid } } },
    series: [
      { type: "scatter", name: "runs", data: input.points.map((p) => [...p]), symbolSize: 6, itemStyle: { color: theme.palette[0] } },
      ...(fit
        ? [{ type: "line" as const, name: "fit", showSymbol: false, data: [[lo, fit.slope * lo + fit.intercept], [hi, fit.slope * hi + fit.intercept]], lineStyle: { color: theme.palette[1], width: 2 } }]
        : []),
    ],
  };
}
