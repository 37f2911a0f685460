/** A trend as CSV: one line per run, run metadata then value and error of each series. */
import type { TrendResult } from "./trend-query";

function cell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v))) return "";
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function trendToCsv(t: TrendResult): string {
  const head = ["run", "start_time", "fill", "duration_s", "delivered_lumi_pb", "recorded_lumi_pb", "significant", ...(t.runs.certifiedFraction ? ["certified_fraction", "certified_lumi_pb"] : [])];
  for (const s of t.series) head.push(`${s.subsystem}/${s.name}`, `${s.subsystem}/${s.name}_error`);
  const bySeries = t.series.map((s) => new Map(s.run.map((r, i) => [r, i])));
  const lines = [head.map(cell).join(",")];
  t.runs.run.forEach((run, i) => {
    const row: (string | number | boolean | null | undefined)[] = [
      run,
      new Date(t.runs.startTime[i]!).toISOString(),
      t.runs.fill[i],
      t.runs.durationS[i],
      t.runs.deliveredLumi[i],
      t.runs.recordedLumi[i],
      t.runs.significant[i],
      ...(t.runs.certifiedFraction ? [t.runs.certifiedFraction[i], t.runs.certifiedLumi?.[i]] : []),
    ];
    t.series.forEach((s, k) => {
      const j = bySeries[k]!.get(run);
      row.push(j === undefined ? null : s.value[j], j === undefined ? null : s.error[j]);
    });
    lines.push(row.map(cell).join(","));
  });
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
