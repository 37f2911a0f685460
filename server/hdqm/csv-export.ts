/** A trend as CSV: one line per run, run metadata then value and error of each series. */
import type { TrendResult } from "./trend-query";

function cell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v))) return "";
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A series drawn over a trend from another subsystem, metric or dataset, and the trend it comes from. */
export interface CsvOverlay {
  /** Its column's name, as the chart's legend says it. */
  readonly label: string;
  readonly trend: TrendResult;
}

/**
 * One line per run of the trend and of its overlays (an overlay from another dataset may have runs
 * the trend has not), in run order: the run's metadata, then value and error of each series and
 * of each overlay (empty where a series has no point for the run).
 */
export function trendToCsv(t: TrendResult, overlays: readonly CsvOverlay[] = []): string {
  const certified = t.runs.certifiedFraction !== null;
  const head = ["run", "start_time", "fill", "duration_s", "delivered_lumi_pb", "recorded_lumi_pb", "significant", ...(certified ? ["certified_fraction", "certified_lumi_pb"] : [])];
  const series = [...t.series.map((s) => ({ name: `${s.subsystem}/${s.name}`, s })), ...overlays.flatMap((o) => o.trend.series.slice(0, 1).map((s) => ({ name: o.label, s })))];
  for (const { name } of series) head.push(name, `${name}_error`);
  const bySeries = series.map(({ s }) => new Map(s.run.map((r, i) => [r, i])));
  // Each run's metadata from the first trend that has the run.
  const where = new Map<number, { runs: TrendResult["runs"]; i: number }>();
  for (const trend of [t, ...overlays.map((o) => o.trend)]) trend.runs.run.forEach((run, i) => where.has(run) || where.set(run, { runs: trend.runs, i }));
  const lines = [head.map(cell).join(",")];
  for (const run of [...where.keys()].sort((a, b) => a - b)) {
    const { runs, i } = where.get(run)!;
    const row: (string | number | boolean | null | undefined)[] = [
      run,
      new Date(runs.startTime[i]!).toISOString(),
      runs.fill[i],
      runs.durationS[i],
      runs.deliveredLumi[i],
      runs.recordedLumi[i],
      runs.significant[i],
      ...(certified ? [runs.certifiedFraction?.[i], runs.certifiedLumi?.[i]] : []),
    ];
    series.forEach(({ s }, k) => {
      const j = bySeries[k]!.get(run);
      row.push(j === undefined ? null : s.value[j], j === undefined ? null : s.error[j]);
    });
    lines.push(row.map(cell).join(","));
  }
  return lines.join("\n") + "\n";
}

/** A correlation as CSV: one line per run with every metric's value. */
export function correlationToCsv(c: { metrics: readonly { name: string }[]; run: readonly number[]; values: readonly (readonly number[])[] }): string {
  const lines = [["run", ...c.metrics.map((m) => m.name)].map(cell).join(",")];
  c.run.forEach((run, i) => lines.push([run, ...c.values.map((v) => v[i])].map(cell).join(",")));
  return lines.join("\n") + "\n";
}

/** A run quantity trend as CSV: run, position on the axis, value. */
export function runQuantityToCsv(q: { quantity: string; xAxis: string; run: readonly number[]; x: readonly (number | null)[]; value: readonly (number | null)[] }): string {
  const lines = [["run", `x_${q.xAxis}`, q.quantity].map(cell).join(",")];
  q.run.forEach((run, i) => lines.push([run, q.x[i], q.value[i]].map(cell).join(",")));
  return lines.join("\n") + "\n";
}
