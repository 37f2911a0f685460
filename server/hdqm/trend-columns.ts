/**
 * The trend's compact, columnar answer (`trends.columns`): the selected runs once, x once (only
 * when the axis is not the run number), and per metric one value and one error array aligned
 * with the runs (null where a run has no point). Run metadata come only as asked (`runFields`),
 * once per answer, never per series. One metric over 5,000 runs is about a third of the older
 * `trends.series` answer, which repeats the run numbers and x in every series and carries every
 * run field.
 */
import { z } from "zod";
import type { Db } from "../../db/pool";
import { queryTrendParts, type RunColumn, trendRequestSchema, type TrendRuns } from "./trend-query";
import type { XAxis } from "./x-axis";

/** The trend_run columns each run field and x axis reads; nothing else is fetched. */
const fieldColumns: Record<RunField, RunColumn[]> = {
  datasetId: [],
  startTime: ["start_ms"],
  fill: ["fill"],
  durationS: ["duration_s"],
  deliveredLumi: ["delivered"],
  recordedLumi: ["recorded"],
  significant: ["significant"],
  certifiedFraction: [],
  certifiedLumi: [],
};
const axisColumns: Record<XAxis, RunColumn[]> = { run: [], time: ["start_ms"], fill: ["fill"], duration: ["duration_s"], luminosity: ["delivered"] };

/** Run metadata a client may ask for. `certifiedFraction` and `certifiedLumi` are null unless a golden JSON selects the runs. */
export const runFields = ["datasetId", "startTime", "fill", "durationS", "deliveredLumi", "recordedLumi", "significant", "certifiedFraction", "certifiedLumi"] as const;
export type RunField = (typeof runFields)[number];

export const trendColumnsRequestSchema = trendRequestSchema.extend({
  runFields: z.array(z.enum(runFields)).max(runFields.length).default([]),
});

export type TrendColumnsRequest = z.input<typeof trendColumnsRequestSchema>;

export interface ColumnSeries {
  metricId: number;
  subsystem: string;
  name: string;
  plotTitle: string;
  yTitle: string;
  /** One per run of `run`; null where the run has no point of this metric. */
  value: (number | null)[];
  error: (number | null)[];
}

export interface TrendColumns {
  xAxis: XAxis;
  /** The selected runs, ascending. */
  run: number[];
  /** x of each run on the chosen axis; null when the axis is the run number (x is `run`). */
  x: (number | null)[] | null;
  /** Bar widths for the duration and luminosity axes, else null. */
  width: number[] | null;
  /** The asked run fields, each one value per run (null for the golden-only fields without a golden JSON). */
  runFields: Partial<Record<RunField, unknown[] | null>>;
  series: ColumnSeries[];
}

/** Values aligned with `runs`: the points' own arrays when they cover every run, else null-filled. */
function aligned(runs: readonly number[], pointRuns: readonly number[], values: readonly number[]): (number | null)[] {
  if (pointRuns.length === runs.length) return values as number[];
  const out = new Array<number | null>(runs.length).fill(null);
  let j = 0;
  for (let i = 0; i < pointRuns.length; i++) {
    while (runs[j]! < pointRuns[i]!) j++;
    out[j] = values[i]!;
  }
  return out;
}

function runField(runs: TrendRuns, field: RunField): unknown[] | null {
  return runs[field];
}

export async function queryTrendColumns(db: Db, request: TrendColumnsRequest): Promise<TrendColumns> {
  const req = trendColumnsRequestSchema.parse(request);
  const columns: RunColumn[] = ["run", "dataset_id", ...axisColumns[req.xAxis], ...req.runFields.flatMap((f) => fieldColumns[f])];
  const { metrics, runs, points, axis } = await queryTrendParts(db, req, columns);
  const fields: Partial<Record<RunField, unknown[] | null>> = {};
  for (const f of req.runFields) fields[f] = runField(runs, f);
  return {
    xAxis: req.xAxis,
    run: runs.run,
    x: req.xAxis === "run" ? null : axis.x,
    width: axis.width,
    runFields: fields,
    series: metrics.map((m) => {
      const p = points.get(m.id) ?? { run: [], value: [], error: [] };
      return { metricId: m.id, subsystem: m.subsystem, name: m.name, plotTitle: m.plot_title, yTitle: m.y_title, value: aligned(runs.run, p.run, p.value), error: aligned(runs.run, p.run, p.error) };
    }),
  };
}
