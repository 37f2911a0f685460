/**
 * A 1D histogram drawn as steps over its reference (scaled to the data's integral, as the DQM
 * GUI overlays them), with optional per-bin pulls underneath.
 */
import type { EChartsOption, SeriesOption } from "echarts";
import { chartThemes, type ThemeName } from "./chart-theme";

export interface HistogramLine {
  readonly label: string;
  /** Lower edges of bins 1..n followed by the upper edge of bin n (n + 1 values). */
  readonly edges: readonly number[];
  /** Contents of bins 1..n. */
  readonly contents: readonly number[];
}

export interface HistogramChartInput {
  readonly title: string;
  readonly data: HistogramLine;
  readonly reference?: HistogramLine;
  readonly pulls?: readonly number[];
  readonly theme: ThemeName;
}

/** Step points [x, y] for a histogram: each bin drawn flat from its low to its high edge. */
export function stepPoints(h: HistogramLine, scale = 1): [number, number][] {
  const pts: [number, number][] = [];
  h.contents.forEach((c, i) => {
    const lo = h.edges[i]!;
    const hi = h.edges[i + 1]!;
    pts.push([lo, c * scale], [hi, c * scale]);
  });
  return pts;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** |pull| from which a bin is drawn as a warning, and as bad (AutoDQM's usual 2σ and 3σ marks). */
export const PULL_WARN = 2;
export const PULL_BAD = 3;

/** The colour of a pull bar: large pulls stand out. */
export function pullColour(pull: number, theme: (typeof chartThemes)[keyof typeof chartThemes]): string {
  const a = Math.abs(pull);
  return a >= PULL_BAD ? theme.bad : a >= PULL_WARN ? theme.palette[4]! : theme.palette[2]!;
}

export function buildHistogramOption(input: HistogramChartInput): EChartsOption {
  const theme = chartThemes[input.theme];
  const refScale = input.reference && sum(input.reference.contents) > 0 ? sum(input.data.contents) / sum(input.reference.contents) : 1;
  const withPulls = !!input.pulls?.length;
  const series: SeriesOption[] = [
    { type: "line", name: input.data.label, data: stepPoints(input.data), showSymbol: false, lineStyle: { color: theme.palette[0], width: 2 }, areaStyle: { color: theme.palette[0], opacity: 0.15 } },
  ];
  if (input.reference) {
    series.push({ type: "line", name: `${input.reference.label} (scaled)`, data: stepPoints(input.reference, refScale), showSymbol: false, lineStyle: { color: theme.palette[1], width: 2, type: "dashed" } });
  }
  if (withPulls) {
    const centres = input.data.contents.map((_, i) => 0.5 * (input.data.edges[i]! + input.data.edges[i + 1]!));
    series.push({
      type: "bar",
      name: "pull",
      xAxisIndex: 1,
      yAxisIndex: 1,
      data: input.pulls.map((p, i) => ({ value: [centres[i]!, p], itemStyle: { color: pullColour(p, theme) } })),
      itemStyle: { color: theme.palette[2] },
      barWidth: "60%",
    });
  }
  const axisCommon = { nameTextStyle: { color: theme.text }, axisLabel: { color: theme.muted }, splitLine: { lineStyle: { color: theme.grid } } };
  return {
    animation: false,
    backgroundColor: theme.background,
    title: { text: input.title, left: "center", textStyle: { color: theme.text, fontSize: 14 } },
    legend: { top: 24, textStyle: { color: theme.text } },
    tooltip: { trigger: "axis" },
    // With pulls: both panels share the same left edge and the same x range (the histogram's edges), so a bar sits under its bin;
    // the axis titles stand beside the axes (not above them, where "pull" ran into the main panel's tick labels).
    grid: withPulls ? [{ left: 72, right: 20, top: 60, height: "52%" }, { left: 72, right: 20, top: "74%", bottom: 30 }] : [{ left: 60, right: 20, top: 60, bottom: 40 }],
    xAxis: withPulls
      ? [0, 1].map((gridIndex) => ({ type: "value" as const, gridIndex, min: input.data.edges[0], max: input.data.edges[input.data.edges.length - 1], ...axisCommon }))
      : [{ type: "value", scale: true, ...axisCommon }],
    yAxis: withPulls
      ? [
          { type: "value", name: "entries", nameLocation: "middle", nameGap: 52, ...axisCommon },
          { type: "value", gridIndex: 1, name: "pull (σ)", nameLocation: "middle", nameGap: 52, splitNumber: 2, ...axisCommon },
        ]
      : [{ type: "value", name: "entries", ...axisCommon }],
    series,
  };
}
