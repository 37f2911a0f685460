/**
 * Trend queries over the metric-point hypertable. Results are columnar (one array per field) so
 * a 5,000-run series costs a few array parses and one JSON.stringify, not 5,000 objects. The
 * arrays come back as JSON (`to_json(array_agg(…))`), which node-postgres hands to JSON.parse:
 * parsing PostgreSQL's array text in JavaScript took ~70 ms of a 5,000-run request, JSON.parse
 * a few. float8 values print in their shortest exact form, so nothing is lost.
 */
import { sql } from "kysely";
import { z } from "zod";
import type { Db } from "../../db/pool";
import { certifiedLsCount, goldenRuns, type GoldenRun } from "./golden-json";
import { runSelectionSchema, type ParsedRunSelection } from "./run-selection";
import { MAX_TREND_OVERLAYS, MAX_TREND_RUNS } from "./trend-limits";
import { runAxis, xAxes } from "./x-axis";

const name = z.string().regex(/^[A-Za-z0-9_+-]+$/, "metric names are [A-Za-z0-9_+-]+");

/** A trend's series: subsystem → primary dataset → processing string, and its runs. */
export const seriesScopeSchema = z.object({
  subsystem: z.string().min(1).max(100),
  primaryDataset: z.string().min(1).max(200),
  processingString: z.string().min(1).max(200),
  selection: runSelectionSchema,
  /** Runs HDQM's rule calls not significant are hidden unless this is true. */
  includeNonSignificant: z.boolean().default(false),
});

export const trendRequestSchema = seriesScopeSchema.extend({
  metrics: z.array(name).min(1).max(10),
  xAxis: z.enum(xAxes).default("run"),
});

export type TrendRequest = z.input<typeof trendRequestSchema>;

/** A trend's CSV with its overlays' columns: each overlay is one metric over its own scope. */
export const trendCsvRequestSchema = trendRequestSchema.extend({
  overlays: z.array(seriesScopeSchema.extend({ metric: name })).max(MAX_TREND_OVERLAYS).default([]),
});
export type TrendCsvRequest = z.input<typeof trendCsvRequestSchema>;
export type SeriesScope = z.output<typeof seriesScopeSchema>;

export class TrendQueryError extends Error {
  override readonly name = "TrendQueryError";
}

/** The selected runs, sorted by number, with what axes, tooltips and CSV need. */
export interface TrendRuns {
  run: number[];
  datasetId: number[];
  /** Run start, epoch milliseconds. */
  startTime: number[];
  fill: (number | null)[];
  durationS: (number | null)[];
  deliveredLumi: (number | null)[];
  recordedLumi: (number | null)[];
  significant: boolean[];
  /** Golden JSON selections only: share of the run's lumisections certified, and their recorded luminosity (/pb). */
  certifiedFraction: number[] | null;
  certifiedLumi: (number | null)[] | null;
}

export interface TrendSeries {
  metricId: number;
  subsystem: string;
  name: string;
  plotTitle: string;
  yTitle: string;
  run: number[];
  x: (number | null)[];
  /** Bar widths for the duration and luminosity axes. */
  width: number[] | null;
  value: number[];
  error: number[];
}

export interface TrendResult {
  xAxis: (typeof xAxes)[number];
  runs: TrendRuns;
  series: TrendSeries[];
}

interface RunArrays {
  run: number[] | null;
  dataset_id: number[] | null;
  start_ms: number[] | null;
  fill: (number | null)[] | null;
  duration_s: (number | null)[] | null;
  delivered: (number | null)[] | null;
  recorded: (number | null)[] | null;
  ls_count: (number | null)[] | null;
  significant: boolean[] | null;
}

function selectionFilter(sel: ParsedRunSelection, golden: GoldenRun[] | null) {
  switch (sel.kind) {
    case "range":
      return sql`and t.run_number between ${sel.from} and ${sel.to}`;
    case "list":
      return sql`and t.run_number = any(${`{${sel.runs.join(",")}}`}::int[])`;
    case "golden":
      return sql`and t.run_number = any(${`{${(golden ?? []).map((g) => g.run).join(",")}}`}::int[])`;
    case "latest":
      return sql``;
  }
}

/** The run columns a trend may read from `trend_run`, by their name in the answer's arrays. */
const RUN_COLUMNS = {
  run: "run_number",
  dataset_id: "dataset_id",
  start_ms: "start_ms",
  fill: "fill_number",
  duration_s: "duration_s",
  delivered: "delivered_lumi",
  recorded: "recorded_lumi",
  ls_count: "ls_count",
  significant: "significant",
} as const;
export type RunColumn = keyof typeof RUN_COLUMNS;
export const allRunColumns = Object.keys(RUN_COLUMNS) as RunColumn[];

/**
 * The statement reading a scope's runs from `trend_run` (migration 2026-12-01T1300), one array
 * per column asked for (the run number always). The rows come from the series index already in
 * run order, and the aggregates take them in that order (`array_agg` without its own ORDER BY
 * keeps its input's order), so there is no sort per column; latest N reads the index backwards
 * and turns the N rows around once.
 */
export function selectRunsQuery(scope: SeriesScope, golden: GoldenRun[] | null, columns: readonly RunColumn[] = allRunColumns, maxRuns = MAX_TREND_RUNS) {
  const sel = scope.selection;
  const wanted = [...new Set<RunColumn>(["run", ...columns])];
  const significant = scope.includeNonSignificant ? sql`` : sql`and t.significant`;
  const where = sql`where t.primary_dataset = ${scope.primaryDataset} and t.processing_string = ${scope.processingString} ${significant} ${selectionFilter(sel, golden)}`;
  const inner = sql.raw(wanted.map((c) => `t.${RUN_COLUMNS[c]} as ${c}`).join(", "));
  const arrays = sql.raw(wanted.map((c) => `to_json(array_agg(s.${c})) as ${c}`).join(",\n      "));
  const ordered =
    sel.kind === "latest"
      ? sql`select * from (select ${inner} from trend_run t ${where} order by t.run_number desc limit ${sel.n}) t order by t.run`
      : // A range can hold any number of runs: one more than the most a trend reads says it holds too many.
        sql`select ${inner} from trend_run t ${where} order by t.run_number${sel.kind === "range" ? sql` limit ${maxRuns + 1}` : sql``}`;
  return sql<Partial<RunArrays>>`select ${arrays} from (${ordered}) s`;
}

/**
 * The runs of a scope (one dataset each), sorted by run number; columns not asked for come back empty.
 * A range holding more than `maxRuns` runs is refused, naming the range and the limit.
 */
export async function selectRuns(db: Db, scope: SeriesScope, columns: readonly RunColumn[] = allRunColumns, maxRuns = MAX_TREND_RUNS): Promise<TrendRuns> {
  const sel = scope.selection;
  const golden = sel.kind === "golden" ? goldenRuns(sel.json) : null;
  const { rows } = await selectRunsQuery(scope, golden, golden ? [...columns, "ls_count", "recorded"] : columns, maxRuns).execute(db);
  const r = rows[0];
  if (sel.kind === "range" && (r?.run?.length ?? 0) > maxRuns)
    throw new TrendQueryError(
      `runs ${sel.from}–${sel.to} of ${scope.primaryDataset} / ${scope.processingString} hold more than ${maxRuns.toLocaleString("en-US")} runs, the most a trend draws: narrow the range or choose the latest N runs`,
    );
  const runs: TrendRuns = {
    run: r?.run ?? [],
    datasetId: r?.dataset_id ?? [],
    startTime: r?.start_ms ?? [],
    fill: r?.fill ?? [],
    durationS: r?.duration_s ?? [],
    deliveredLumi: r?.delivered ?? [],
    recordedLumi: r?.recorded ?? [],
    significant: r?.significant ?? [],
    certifiedFraction: null,
    certifiedLumi: null,
  };
  if (golden && sel.kind === "golden") return applyGolden(db, runs, golden, r?.ls_count ?? [], sel.minCertifiedFraction);
  return runs;
}

/** Golden selections: each run's certified share and luminosity; runs under the minimum share go. */
async function applyGolden(db: Db, runs: TrendRuns, golden: GoldenRun[], lsCount: (number | null)[], minFraction: number): Promise<TrendRuns> {
  const byRun = new Map(golden.map((g) => [g.run, g.ranges]));
  const flat = golden.flatMap((g) => g.ranges.map(([a, b]) => [g.run, a, b] as const));
  const lumi = new Map<number, number>();
  if (flat.length) {
    const { rows } = await sql<{ run_number: number; lumi: number | null }>`
      select l.run_number, sum(l.recorded_lumi) as lumi
      from lumisection l join unnest(${`{${flat.map((f) => f[0]).join(",")}}`}::int[], ${`{${flat.map((f) => f[1]).join(",")}}`}::int[], ${`{${flat.map((f) => f[2]).join(",")}}`}::int[]) as g(run, a, b)
        on l.run_number = g.run and l.ls_number between g.a and g.b
      where l.run_number = any(${`{${runs.run.join(",")}}`}::int[])
      group by l.run_number`.execute(db);
    for (const r of rows) if (r.lumi !== null) lumi.set(r.run_number, r.lumi);
  }
  const keep: number[] = [];
  const fraction: number[] = [];
  const certLumi: (number | null)[] = [];
  runs.run.forEach((run, i) => {
    const ls = lsCount[i] ?? null;
    const certified = certifiedLsCount(byRun.get(run) ?? [], ls);
    const f = ls ? Math.min(1, certified / ls) : certified > 0 ? 1 : 0;
    if (certified === 0 || f < minFraction) return;
    keep.push(i);
    fraction.push(f);
    const rec = runs.recordedLumi[i] ?? null;
    certLumi.push(lumi.get(run) ?? (rec !== null ? rec * f : null));
  });
  const pick = <T>(a: T[]): T[] => keep.map((i) => a[i]!);
  return {
    run: pick(runs.run),
    datasetId: pick(runs.datasetId),
    startTime: pick(runs.startTime),
    fill: pick(runs.fill),
    durationS: pick(runs.durationS),
    deliveredLumi: pick(runs.deliveredLumi),
    recordedLumi: pick(runs.recordedLumi),
    significant: pick(runs.significant),
    certifiedFraction: fraction,
    certifiedLumi: certLumi,
  };
}

export interface MetricRef {
  id: number;
  subsystem: string;
  name: string;
  plot_title: string;
  y_title: string;
}

/** The statement reading metric definitions by name within a subsystem. */
export function metricsQuery(db: Db, subsystem: string, names: readonly string[]) {
  return db.selectFrom("metric_definition").select(["id", "subsystem", "name", "plot_title", "y_title"]).where("subsystem", "=", subsystem).where("name", "in", names);
}

/** Metric definitions by name within a subsystem, in the requested order; unknown names are an error. */
export async function resolveMetrics(db: Db, subsystem: string, names: readonly string[]): Promise<MetricRef[]> {
  const rows = await metricsQuery(db, subsystem, names).execute();
  const missing = names.filter((n) => !rows.some((r) => r.name === n));
  if (missing.length) throw new TrendQueryError(`unknown metric${missing.length > 1 ? "s" : ""} in ${subsystem}: ${missing.join(", ")}`);
  return names.map((n) => rows.find((r) => r.name === n)!);
}

/** The statement reading the points of metrics over a scope's run range, one row of arrays per metric. */
export function seriesPointsQuery(metricIds: readonly number[], scope: Pick<SeriesScope, "primaryDataset" | "processingString">, firstRun: number, lastRun: number) {
  return sql<{ metric_id: number; run: number[]; dataset_id: number[]; value: number[]; error: number[] }>`
    select p.metric_id, to_json(array_agg(p.run_number order by p.run_number)) as run, to_json(array_agg(p.dataset_id order by p.run_number)) as dataset_id,
           to_json(array_agg(p.value order by p.run_number)) as value, to_json(array_agg(p.error order by p.run_number)) as error
    from metric_point p join dataset d on d.id = p.dataset_id
    where p.metric_id = any(${`{${metricIds.join(",")}}`}::int[]) and d.primary_dataset = ${scope.primaryDataset} and d.processing_string = ${scope.processingString}
      and p.run_number between ${firstRun} and ${lastRun}
    group by p.metric_id`;
}

/**
 * Points of the given metrics over the selected runs, as arrays sorted by run. The hypertable is
 * joined with the scope's datasets (a hash join the planner does well) and bounded by the
 * selection's run range; runs the selection left out are dropped here.
 */
export async function seriesPoints(db: Db, metricIds: readonly number[], scope: Pick<SeriesScope, "primaryDataset" | "processingString">, runs: Pick<TrendRuns, "run" | "datasetId">) {
  const out = new Map<number, { run: number[]; value: number[]; error: number[] }>();
  if (runs.run.length === 0) return out;
  const { rows } = await seriesPointsQuery(metricIds, scope, runs.run[0]!, runs.run[runs.run.length - 1]!).execute(db);
  const selected = new Set(runs.datasetId);
  for (const r of rows) {
    const keep = r.dataset_id.length === selected.size && r.dataset_id.every((d) => selected.has(d));
    if (keep) out.set(r.metric_id, { run: r.run, value: r.value, error: r.error });
    else {
      const idx = r.dataset_id.flatMap((d, i) => (selected.has(d) ? [i] : []));
      out.set(r.metric_id, { run: idx.map((i) => r.run[i]!), value: idx.map((i) => r.value[i]!), error: idx.map((i) => r.error[i]!) });
    }
  }
  return out;
}

/** What both trend answers are made of: the metrics, the selected runs, their points and the x axis. */
export async function queryTrendParts(db: Db, req: z.output<typeof trendRequestSchema>, columns: readonly RunColumn[] = allRunColumns) {
  const [metrics, runs] = await Promise.all([resolveMetrics(db, req.subsystem, req.metrics), selectRuns(db, req, columns)]);
  const points = await seriesPoints(db, metrics.map((m) => m.id), req, runs);
  const axis = runAxis(req.xAxis, { run: runs.run, startTime: runs.startTime, fill: runs.fill, durationS: runs.durationS, lumi: runs.certifiedLumi ?? runs.deliveredLumi });
  return { metrics, runs, points, axis };
}

/**
 * One or several metrics over the selected runs, with x positions on the chosen axis: the
 * `trends.series` answer, deprecated for `trends.columns` (trend-columns.ts), which carries the
 * same data in about a third of the bytes. Kept for one version for the CSV export and scripts.
 */
export async function queryTrend(db: Db, request: TrendRequest): Promise<TrendResult> {
  const req = trendRequestSchema.parse(request);
  const { metrics, runs, points, axis } = await queryTrendParts(db, req);
  const indexOf = new Map(runs.run.map((r, i) => [r, i]));
  const series = metrics.map((m): TrendSeries => {
    const p = points.get(m.id) ?? { run: [], value: [], error: [] };
    const idx = p.run.map((r) => indexOf.get(r)!);
    return {
      metricId: m.id,
      subsystem: m.subsystem,
      name: m.name,
      plotTitle: m.plot_title,
      yTitle: m.y_title,
      run: p.run,
      x: idx.map((i) => axis.x[i] ?? null),
      width: axis.width ? idx.map((i) => axis.width![i]!) : null,
      value: p.value,
      error: p.error,
    };
  });
  return { xAxis: req.xAxis, runs, series };
}
