/**
 * What the trend page's loader fetches for a view: the selection tree, then — in parallel — the
 * trend, its overlays (one request each; none without overlays), the run quantity, the
 * correlation and the open point's details, each with its own error so one failing part never
 * blanks the page.
 */
import { TRPCError } from "@trpc/server";
import type { TrendColumns, TrendColumnsRequest } from "../../server/hdqm/trend-columns";
import type { serverCaller } from "../trpc.server";
import { overlayDataset, overlayLabel } from "./trends-overlays";
import { type ChartSeries, type ChartTrend, packTrend } from "./trends-payload";
import type { RunChoice, TrendView } from "./trends-url";
import { resolveView } from "./trends-view";

type Api = ReturnType<typeof serverCaller>;

export type Outcome<T> = { ok: true; data: T } | { ok: false; error: string };

async function attempt<T>(f: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, data: await f() };
  } catch (err) {
    if (err instanceof TRPCError && err.code !== "INTERNAL_SERVER_ERROR") return { ok: false, error: err.message };
    throw err;
  }
}

export function selectionOf(runs: RunChoice) {
  switch (runs.kind) {
    case "latest":
      return { kind: "latest" as const, n: runs.n };
    case "range":
      return { kind: "range" as const, from: runs.from, to: runs.to };
    case "list":
      return { kind: "list" as const, runs: runs.runs };
    case "golden":
      return { kind: "golden" as const, json: runs.json };
  }
}

/** The charts' per-series arrays (each series its own runs, x, values and errors) from the columnar answer. */
export function chartTrendOf(t: TrendColumns): ChartTrend & { series: (ChartSeries & { metricId: number; subsystem: string })[] } {
  const fill = (t.runFields.fill ?? t.run.map(() => null)) as (number | null)[];
  const series = t.series.map((s) => {
    const run: number[] = [];
    const x: (number | null)[] = [];
    const value: number[] = [];
    const error: number[] = [];
    s.value.forEach((v, i) => {
      if (v === null) return;
      run.push(t.run[i]!);
      x.push(t.x ? (t.x[i] ?? null) : t.run[i]!);
      value.push(v);
      error.push(s.error[i] ?? 0);
    });
    return { metricId: s.metricId, subsystem: s.subsystem, name: s.name, plotTitle: s.plotTitle, yTitle: s.yTitle, run, x, value, error };
  });
  return { xAxis: t.xAxis, runs: { run: t.run, fill }, series };
}

// The trend cache hands out the same frozen answer until the data change: its chart form and
// packed text are made once per answer, not once per page load.
const chartTrends = new WeakMap<TrendColumns, ReturnType<typeof chartTrendOf>>();
const packedTrends = new WeakMap<ChartTrend, string>();

/** A trend for the charts, through the compact `trends.columns` answer (run fields: the fill only). */
export async function loadChartTrend(api: Api, input: Omit<TrendColumnsRequest, "runFields">) {
  const columns = await api.trends.columns({ ...input, runFields: ["fill"] });
  let trend = chartTrends.get(columns);
  if (!trend) chartTrends.set(columns, (trend = chartTrendOf(columns)));
  return trend;
}

/** `packTrend` of a loaded trend, once per trend object: the main trend's and the grid's come from the cache as they are; an overlay is a renamed copy, packed per load. */
export function packedChartTrend(trend: ChartTrend): string {
  let packed = packedTrends.get(trend);
  if (packed === undefined) packedTrends.set(trend, (packed = packTrend(trend)));
  return packed;
}

export async function loadTrendPage(api: Api, asked: TrendView) {
  const tree = await api.trends.tree();
  const view = resolveView(asked, tree);
  const { subsystem, primaryDataset, processingString } = view;
  if (!subsystem || !primaryDataset || !processingString) return { tree, view, trendInput: null, csvInput: null, trend: null, overlays: [], quantity: null, correlation: null, details: null };
  const scope = { primaryDataset, processingString, selection: selectionOf(view.runs), includeNonSignificant: view.includeAll };
  const trendInput = view.metrics.length ? { ...scope, subsystem, metrics: view.metrics, xAxis: view.xAxis } : null;
  const point = view.point;
  const pointOverlay = point?.overlay !== null && point?.overlay !== undefined ? view.overlays[point.overlay] : undefined;
  const pointScope = pointOverlay ? { subsystem: pointOverlay.subsystem, ...overlayDataset(pointOverlay, { primaryDataset, processingString }) } : { subsystem, primaryDataset, processingString };
  const main = trendInput ? attempt(() => loadChartTrend(api, trendInput)) : null;
  // "The latest N runs" of another dataset are other runs: an overlay with its own dataset reads the main series' run span instead.
  const overlayScope = async (own: boolean) => {
    const t = own && view.runs.kind === "latest" ? await main : null;
    const runs = t?.ok ? t.data.runs.run : [];
    return runs.length ? { ...scope, selection: { kind: "range" as const, from: Math.min(...runs), to: Math.max(...runs) } } : scope;
  };
  // Each overlay as one metric over its own scope: what the chart draws, and what the CSV asks for again.
  const overlayInputs = trendInput && !view.grid ? Promise.all(view.overlays.map(async (o) => ({ ...(await overlayScope(o.primaryDataset !== null)), ...overlayDataset(o, { primaryDataset, processingString }), subsystem: o.subsystem, metric: o.metric }))) : Promise.resolve([]);
  const [trend, overlays, quantity, correlation, details, csvOverlays] = await Promise.all([
    main,
    overlayInputs.then((inputs) =>
      Promise.all(
        inputs.map(({ metric, ...scope }, i) =>
          attempt(async () => {
            const t = await loadChartTrend(api, { ...scope, metrics: [metric], xAxis: view.xAxis });
            return { ...t, series: t.series.map((s) => ({ ...s, name: overlayLabel(view.overlays[i]!) })) };
          }),
        ),
      ),
    ),
    view.quantity ? attempt(() => api.trends.runQuantity({ ...scope, quantity: view.quantity!, xAxis: view.xAxis })) : null,
    view.correlation && view.metrics.length >= 2 ? attempt(() => api.trends.correlation({ ...scope, subsystem, metrics: view.metrics.slice(0, 3) })) : null,
    point
      ? attempt(() =>
          api.trends.pointDetails({ ...pointScope, metric: point.metric, run: point.run, ...(view.referenceRun !== null ? { referenceRun: view.referenceRun } : {}) }),
        )
      : null,
    overlayInputs,
  ]);
  // The CSV holds the overlays that could be drawn.
  const csvInput = trendInput ? { ...trendInput, overlays: csvOverlays.filter((_, i) => overlays[i]?.ok) } : null;
  return { tree, view, trendInput, csvInput, trend, overlays, quantity, correlation, details };
}

export type TrendPageData = Awaited<ReturnType<typeof loadTrendPage>>;
