/**
 * HDQM trend browser. The whole view lives in the URL (see app/lib/trends-url.ts); the loader
 * fetches everything through the server-side tRPC caller so the page renders on the server,
 * and a changed view is a navigation. The metric filter, axis ranges and the full-screen choice
 * change without a refetch. A URL naming something that does not exist is answered with what
 * was wrong and the closest names, never replaced by a default.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { type ShouldRevalidateFunction, useLoaderData, useNavigate, useNavigation, useRouteError, useSearchParams } from "@remix-run/react";
import { useCallback, useMemo } from "react";
import { TRPCError } from "@trpc/server";
import { buildCorrelationOption } from "../../charts/correlation-option";
import { buildTrendColumnsOption } from "../../charts/trend-columns-option";
import { correlationToCsv, runQuantityToCsv } from "../../server/hdqm/csv-export";
import { ChartCard } from "../components/trends/chart-card";
import { PointDetailsPanel } from "../components/trends/point-details";
import { PointPicker } from "../components/trends/point-picker";
import { SelectionPanel } from "../components/trends/selection-panel";
import { FullScreenTrend, MetricGrid } from "../components/trends/metric-grid";
import { OverlayForm } from "../components/trends/overlay-form";
import { drawEarlyCharts } from "../components/trends/early-chart";
import { ViewProblems } from "../components/trends/view-problems";
import styles from "../components/trends/trends.css";
import { pageFailure } from "../lib/page-errors";
import { loadChartTrend, loadTrendPage, packedChartTrend, type TrendPageData } from "../lib/trends-page.server";
import { drawingOption, drawingText, mainSeriesOf, naming, overlaidSeries, trendChartOption, unpackOverlays } from "../lib/trend-chart-option";
import { type ChartSeries, unpackTrend } from "../lib/trends-payload";
import { dataKey, parseTrendView, serializeTrendView, type TrendView } from "../lib/trends-url";
import { overlayLabel } from "../lib/trends-overlays";
import { overlayProblems } from "../lib/trends-overlay-problems";
import { resolveView, viewProblems } from "../lib/trends-view";
import { browserTrpc } from "../lib/trpc-browser";
import { useChartTheme } from "../lib/use-chart-theme";
import type { TrendCsvRequest } from "../../server/hdqm/trend-query";
import { serverCaller } from "../trpc.server";
import { PageError } from "../components/page-error";

// Evaluated in the browser before React hydrates the page: the trend is drawn from the server's
// HTML at once, and the chart component keeps that chart when it mounts.
if (typeof document !== "undefined") drawEarlyCharts(drawingOption);

export const meta: MetaFunction = () => [{ title: "dqmflow · HDQM trends" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

/** Metrics per trend request (the API's limit). */
const METRICS_PER_REQUEST = 10;

/** Only what the charts draw goes to the browser, packed; the CSV comes from the API with every run field. */
function slim(trend: TrendPageData["trend"]) {
  if (!trend?.ok) return trend;
  return { ok: true as const, runCount: trend.data.runs.run.length, packed: packedChartTrend(trend.data) };
}

/** Each overlay's trend, packed, or why it could not be drawn (an empty list when there are none: nothing asked, nothing sent). */
function slimOverlays(overlays: TrendPageData["overlays"]) {
  return overlays.map((o) => (o.ok ? { ok: true as const, packed: packedChartTrend(o.data) } : o));
}

/** Every metric of the view's subsystem, packed per request of ten; an error message instead when the API refuses. */
async function gridTrends(api: ReturnType<typeof serverCaller>, page: TrendPageData): Promise<{ ok: true; packed: string[] } | { ok: false; error: string } | null> {
  const input = page.trendInput;
  const subsystem = page.tree.subsystems.find((s) => s.name === page.view.subsystem);
  if (!page.view.grid || !input || !subsystem) return null;
  const names = subsystem.metrics.map((m) => m.name);
  const chunks = Array.from({ length: Math.ceil(names.length / METRICS_PER_REQUEST) }, (_, i) => names.slice(i * METRICS_PER_REQUEST, (i + 1) * METRICS_PER_REQUEST));
  try {
    const answers = await Promise.all(chunks.map((metrics) => loadChartTrend(api, { ...input, metrics })));
    return { ok: true, packed: answers.map(packedChartTrend) };
  } catch (err) {
    if (err instanceof TRPCError && err.code !== "INTERNAL_SERVER_ERROR") return { ok: false, error: err.message };
    throw err;
  }
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const api = serverCaller(context, request);
  const params = new URL(request.url).searchParams;
  const theme = /(?:^|;\s*)dqmflow_theme=light/.test(request.headers.get("cookie") ?? "") ? ("light" as const) : ("dark" as const);
  const asked = await withStoredSelection(api, parseTrendView(params));
  const tree0 = await api.trends.tree();
  const problems = viewProblems(params, tree0);
  if (problems.length === 0 && asked.overlays.length) problems.push(...overlayProblems(params, tree0, resolveView(asked, tree0)));
  if (problems.length) {
    // Nothing is fetched for a view that names what does not exist: the page says what and offers the closest names.
    const tree = await api.trends.tree();
    const resolved = resolveView(asked, tree);
    // The panel shows only what the URL asked for and exists: no default metric stands in for an unknown one.
    const known = new Set(tree.subsystems.find((s) => s.name === resolved.subsystem)?.metrics.map((m) => m.name));
    const view = { ...resolved, metrics: asked.metrics.filter((m) => known.has(m)) };
    return { tree, view, trendInput: null, csvInput: null, trend: null, overlays: [], quantity: null, correlation: null, details: null, grid: null, problems, theme };
  }
  const page = await loadTrendPage(api, asked);
  return { ...page, trend: slim(page.trend), overlays: slimOverlays(page.overlays), grid: await gridTrends(api, page), problems, theme };
}

/** A golden JSON kept server-side (`gs=<code>`) brings its runs; an unknown code is a 404 page. */
async function withStoredSelection(api: ReturnType<typeof serverCaller>, view: TrendView): Promise<TrendView> {
  if (view.runs.kind !== "golden" || !view.runs.stored) return view;
  const json = await api.selections.golden({ code: view.runs.stored }).catch(pageFailure);
  return { ...view, runs: { ...view.runs, json } };
}

/** The metric filter and the share action change nothing the loader fetches. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, formMethod, defaultShouldRevalidate }) => {
  if (formMethod && formMethod.toUpperCase() === "POST") return false;
  if (currentUrl.pathname === nextUrl.pathname && dataKey(currentUrl.searchParams) === dataKey(nextUrl.searchParams)) return false;
  return defaultShouldRevalidate;
};

/** Through the API client, which POSTs a long selection (a golden JSON) instead of putting it in the URL. */
async function fetchCsv(input: unknown): Promise<string> {
  // The loader's own input (with the overlays the chart draws), serialized: the server validates it again.
  return (await browserTrpc().trends.csv.query(input as TrendCsvRequest)).csv;
}

function describeRuns(v: TrendView): string {
  switch (v.runs.kind) {
    case "latest":
      return `latest ${v.runs.n} runs`;
    case "range":
      return `runs ${v.runs.from}–${v.runs.to}`;
    case "list":
      return `${v.runs.runs.length} listed runs`;
    case "golden":
      return `${Object.keys(v.runs.json).length} runs of a golden JSON`;
  }
}

/** The runs before and after `run` among a series' runs. */
function neighbours(series: ChartSeries | undefined, run: number): { previous: number | null; next: number | null } {
  if (!series) return { previous: null, next: null };
  const runs = [...series.run].sort((a, b) => a - b);
  const i = runs.indexOf(run);
  const before = i >= 0 ? runs[i - 1] : runs.filter((r) => r < run).pop();
  const after = i >= 0 ? runs[i + 1] : runs.find((r) => r > run);
  return { previous: before ?? null, next: after ?? null };
}

export default function Trends() {
  const data = useLoaderData<typeof loader>();
  const { tree, quantity, correlation, details, trendInput, csvInput, problems } = data;
  const packed = data.trend;
  // Keyed by the packed text, so a revalidation that brings the same trend redraws nothing.
  const packedText = packed?.ok ? packed.packed : null;
  const trendError = packed && !packed.ok ? packed.error : null;
  const trend = useMemo(() => (packedText !== null ? { ok: true as const, data: unpackTrend(packedText) } : trendError !== null ? { ok: false as const, error: trendError } : null), [packedText, trendError]);
  const gridPacked = data.grid?.ok ? data.grid.packed.join("\n") : null;
  const grid = useMemo(() => (gridPacked === null ? null : gridPacked.split("\n").map(unpackTrend)), [gridPacked]);
  const overlayPacked = data.overlays.map((o) => (o.ok ? o.packed : "")).join("\n");
  const overlayTrends = useMemo(() => unpackOverlays(overlayPacked), [overlayPacked]);
  const navigate = useNavigate();
  const navigation = useNavigation();
  const [params, setParams] = useSearchParams();
  // Axis ranges, the full-screen metric and the filter come from the address bar: changing them asks the server nothing.
  const live = useMemo(() => parseTrendView(params), [params]);
  const view = useMemo(() => ({ ...data.view, range: live.range, fullScreen: live.fullScreen }), [data.view, live]);
  const theme = useChartTheme(data.theme);
  const busy = navigation.state === "loading" && navigation.location.pathname === "/trends";
  const pendingSearch = busy ? navigation.location.search : null;
  const search = live.search;
  // The controls show the view being loaded at once; the charts keep the last loaded one.
  const shown = useMemo(() => (pendingSearch !== null ? resolveView(parseTrendView(new URLSearchParams(pendingSearch)), tree) : { ...view, search }), [pendingSearch, tree, view, search]);

  const go = useCallback((next: TrendView) => navigate(`/trends?${serializeTrendView(next).toString()}`, { preventScrollReset: true }), [navigate]);
  const onSearch = useCallback(
    (text: string) =>
      setParams(
        (p) => {
          const n = new URLSearchParams(p);
          if (text) n.set("q", text);
          else n.delete("q");
          return n;
        },
        { replace: true, preventScrollReset: true },
      ),
    [setParams],
  );
  const openPoint = useCallback((run: number, metric: string, overlay: number | null = null) => go({ ...shown, point: { run, metric, overlay }, referenceRun: null }), [go, shown]);

  const highlight = view.point?.run ?? null;
  const mainSeries = useMemo(() => (trend?.ok ? mainSeriesOf(trend.data) : null), [trend]);
  const overlaySeries = useMemo(() => (mainSeries && trend?.ok ? overlaidSeries(mainSeries, trend.data.xAxis, overlayTrends) : []), [mainSeries, trend, overlayTrends]);
  const trendOption = useMemo(() => (mainSeries && trend?.ok ? trendChartOption({ series: mainSeries, overlays: overlaySeries, trend: trend.data, view, theme, highlight }) : null), [mainSeries, overlaySeries, trend, view, theme, highlight]);
  // What the server's HTML carries for drawing the chart before hydration, from trendOption's own inputs;
  // made on demand: by the server's render, and in the browser only to adopt that drawing.
  const early = useMemo(() => (trendOption && packedText !== null ? () => drawingText({ packed: packedText, overlays: overlayPacked, view, theme }) : null), [trendOption, packedText, overlayPacked, view, theme]);
  const trendExport = useMemo(() => (mainSeries && trend?.ok ? () => trendChartOption({ series: mainSeries, overlays: overlaySeries, trend: trend.data, view, theme, highlight: null }, true) : null), [mainSeries, overlaySeries, trend, view, theme]);

  const gridSeries = useMemo(() => (grid ? grid.flatMap((t) => t.series.filter((s) => s.run.length > 0).map((s) => ({ s, t }))) : []), [grid]);
  const tiles = useMemo(() => gridSeries.map(({ s, t }) => ({ series: s, option: trendChartOption({ series: [s], trend: t, view, theme, highlight: null, compact: true }) })), [gridSeries, view, theme]);
  const full = view.fullScreen ? gridSeries.find((g) => g.s.name === view.fullScreen) : undefined;
  const fullOption = useMemo(() => (full ? trendChartOption({ series: [full.s], trend: full.t, view, theme, highlight }) : null), [full, view, theme, highlight]);

  const quantityOption = useMemo(() => {
    if (!quantity?.ok || quantity.data.run.length === 0) return null;
    const q = quantity.data;
    const x = q.x.map((v, i) => (q.value[i] === null ? null : v));
    return buildTrendColumnsOption({
      title: q.yTitle,
      yTitle: q.yTitle,
      xAxis: q.xAxis,
      series: [{ name: q.yTitle, run: q.run, x, value: q.value.map((v) => v ?? 0), error: q.value.map(() => 0) }],
      ...(trend?.ok ? { runs: trend.data.runs } : {}),
      errorBars: false,
      fillBands: view.fillBands,
      theme,
      highlightRun: highlight,
    });
  }, [quantity, view.fillBands, theme, highlight, trend]);

  const correlationOptions = useMemo(() => {
    if (!correlation?.ok) return [];
    const c = correlation.data;
    const index = (name: string) => c.metrics.findIndex((m) => m.name === name);
    return c.regressions.map((r) => {
      const xi = index(r.x);
      const yi = index(r.y);
      const points = c.run.map((run, i) => [c.values[xi]![i]!, c.values[yi]![i]!, run] as const);
      const fit = Number.isFinite(r.slope) && Number.isFinite(r.intercept) ? { slope: r.slope, intercept: r.intercept, r: r.r } : null;
      return { key: `${r.x}-${r.y}`, y: r.y, title: `${r.y} vs ${r.x}`, option: buildCorrelationOption({ xName: r.x, yName: r.y, points, fit, theme }) };
    });
  }, [correlation, theme]);

  if (tree.subsystems.length === 0 || (!view.processingString && problems.length === 0)) {
    return (
      <div className="trends">
        <h1>HDQM trends</h1>
        <div className="card trend-empty-page">
          <h2>Nothing to show yet</h2>
          <p>No metric is configured or no dataset has been ingested. Ingest DQM files (<code>npx dqmflow ingest …</code>) or load the demo season with <code>npx dqmflow demo</code>.</p>
        </div>
      </div>
    );
  }

  const runCount = packed?.ok ? packed.runCount : null;
  const noPoints = trend?.ok && runCount !== 0 && trend.data.series.every((s) => s.run.length === 0);
  const overlayNames = view.overlays.map(overlayLabel);
  const named = naming(view, view.metrics, trend?.ok ? trend.data.runs.run : [], overlayNames);
  const pointOverlay = view.point?.overlay ?? null;
  const pointSeries = view.point ? (pointOverlay !== null ? overlaySeries.find((s) => s.name === overlayNames[pointOverlay]) : (trend?.ok ? trend.data.series : []).concat(gridSeries.map((g) => g.s)).find((s) => s.name === view.point!.metric)) : undefined;
  const around = view.point ? neighbours(pointSeries, view.point.run) : { previous: null, next: null };
  const names = gridSeries.map((g) => g.s.name);
  return (
    <div className="trends">
      <div className="trend-top">
        <div>
          <h1>HDQM trends</h1>
          <p className="muted trend-summary" data-testid="trend-summary">
            {view.subsystem} · {view.primaryDataset} / {view.processingString} · {describeRuns(view)}
            {runCount !== null ? ` · ${runCount} run${runCount === 1 ? "" : "s"}${view.includeAll ? "" : " (significant only)"}` : ""}
          </p>
        </div>
      </div>
      <div className="trend-layout">
        <SelectionPanel tree={tree} view={shown} go={go} onSearch={onSearch} />
        <div className="trend-main">
          {problems.length ? (
            <ViewProblems problems={problems} />
          ) : view.grid ? (
            data.grid && !data.grid.ok ? (
              <section className="card" aria-label="All metrics"><p role="alert" className="trend-error">{data.grid.error}</p></section>
            ) : (
              <MetricGrid tiles={tiles} subsystem={view.subsystem ?? ""} onFullScreen={(metric) => go({ ...shown, fullScreen: metric })} />
            )
          ) : (
            <ChartCard
              title="Trend"
              filename={named.file}
              option={trendOption}
              exportOption={trendExport}
              csv={() => fetchCsv(csvInput)}
              busy={busy}
              error={trend && !trend.ok ? trend.error : null}
              empty={view.metrics.length === 0 ? "Choose a metric on the left." : runCount === 0 ? "No runs match this selection. Widen the run choice or include non-significant runs." : noPoints ? "The chosen metrics have no points in these runs." : null}
              onPointClick={(datum, seriesName) => {
                if (!Array.isArray(datum) || typeof datum[3] !== "number") return;
                const overlay = overlayNames.indexOf(seriesName);
                if (overlay >= 0) openPoint(datum[3], view.overlays[overlay]!.metric, overlay);
                else if (view.metrics.includes(seriesName)) openPoint(datum[3], seriesName);
              }}
              testId="trend-chart"
              early={early}
            >
              <PointPicker metrics={view.metrics} current={view.point} onOpen={openPoint} />
              <OverlayForm
                key={view.subsystem}
                tree={tree}
                overlays={view.overlays}
                errors={data.overlays.map((o) => (o.ok ? null : o.error))}
                subsystem={view.subsystem}
                onChange={(overlays) => go({ ...shown, overlays, point: null })}
              />
            </ChartCard>
          )}

          {full && fullOption && trendInput ? (
            <FullScreenTrend
              metric={full.s.name}
              names={names}
              option={fullOption}
              exportOption={() => trendChartOption({ series: [full.s], trend: full.t, view, theme, highlight: null }, true)}
              filename={naming(view, [full.s.name], full.s.run).file}
              csv={() => fetchCsv({ ...trendInput, metrics: [full.s.name] })}
              onMetric={(metric) => go({ ...shown, fullScreen: metric })}
              onClose={() => go({ ...shown, fullScreen: null })}
              onPointClick={(datum) => {
                if (Array.isArray(datum) && typeof datum[3] === "number") go({ ...shown, fullScreen: null, point: { run: datum[3], metric: full.s.name, overlay: null }, referenceRun: null });
              }}
            />
          ) : null}

          {details ? (
            details.ok ? (
              <PointDetailsPanel
                details={details.data}
                theme={theme}
                busy={busy}
                series={pointOverlay !== null && overlayNames[pointOverlay] ? `overlay ${overlayNames[pointOverlay]}` : `${view.subsystem}/${details.data.metric.name} (the chart's series)`}
                previousRun={around.previous}
                nextRun={around.next}
                onRun={(run) => go({ ...shown, point: { run, metric: details.data.metric.name, overlay: pointOverlay }, referenceRun: null })}
                onReference={(run) => go({ ...shown, referenceRun: run })}
                onClose={() => go({ ...shown, point: null, referenceRun: null })}
              />
            ) : (
              <section className="card" aria-label="Point details"><p role="alert" className="trend-error">{details.error}</p></section>
            )
          ) : null}

          {view.correlation ? (
            correlation && !correlation.ok ? (
              <ChartCard title="Correlation" filename="hdqm-correlation" option={null} csv={() => ""} busy={busy} error={correlation.error} />
            ) : (
              correlationOptions.map((c) => (
                <ChartCard
                  key={c.key}
                  title={`Correlation ${c.title}`}
                  filename={`hdqm-correlation-${c.key}`}
                  option={c.option}
                  csv={() => (correlation?.ok ? correlationToCsv(correlation.data) : "")}
                  busy={busy}
                  empty={correlation?.ok && correlation.data.run.length === 0 ? "No run has a value of every metric." : null}
                  height={420}
                  onPointClick={(datum) => {
                    if (Array.isArray(datum) && typeof datum[2] === "number") openPoint(datum[2], c.y);
                  }}
                />
              ))
            )
          ) : null}

          {quantity ? (
            <ChartCard
              title="Run metadata"
              filename={`hdqm-run-${view.quantity ?? "quantity"}`}
              option={quantityOption}
              csv={() => (quantity.ok ? runQuantityToCsv(quantity.data) : "")}
              busy={busy}
              error={quantity.ok ? null : quantity.error}
              empty={quantity.ok && quantity.data.run.length === 0 ? "No runs match this selection." : null}
              height={320}
            />
          ) : null}
        </div>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <PageError error={useRouteError()} what="The trend browser" back={{ to: "/trends", label: "Start again from the default view" }} />;
}
