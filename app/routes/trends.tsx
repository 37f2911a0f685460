/**
 * HDQM trend browser. The whole view lives in the URL (see app/lib/trends-url.ts); the loader
 * fetches everything through the server-side tRPC caller so the page renders on the server,
 * and a changed view is a navigation. Only the metric filter changes without a refetch.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, type ShouldRevalidateFunction, useLoaderData, useNavigate, useNavigation, useRouteError, useSearchParams } from "@remix-run/react";
import { useCallback, useMemo } from "react";
import { buildCorrelationOption } from "../../charts/correlation-option";
import { buildTrendColumnsOption } from "../../charts/trend-columns-option";
import { correlationToCsv, runQuantityToCsv } from "../../server/hdqm/csv-export";
import { ChartCard } from "../components/trends/chart-card";
import { PointDetailsPanel } from "../components/trends/point-details";
import { PointPicker } from "../components/trends/point-picker";
import { SelectionPanel } from "../components/trends/selection-panel";
import { pageFailure } from "../lib/page-errors";
import { loadTrendPage, type TrendPageData } from "../lib/trends-page.server";
import { packTrend, unpackTrend } from "../lib/trends-payload";
import { dataKey, parseTrendView, serializeTrendView, type TrendView } from "../lib/trends-url";
import { resolveView } from "../lib/trends-view";
import { browserTrpc } from "../lib/trpc-browser";
import { useChartTheme } from "../lib/use-chart-theme";
import type { TrendRequest } from "../../server/hdqm/trend-query";
import { serverCaller } from "../trpc.server";

export const meta: MetaFunction = () => [{ title: "dqmflow · HDQM trends" }];

/** Only what the charts draw goes to the browser, packed; the CSV comes from the API with every run field. */
function slim(trend: TrendPageData["trend"]) {
  if (!trend?.ok) return trend;
  const { runs, series, xAxis } = trend.data;
  return { ok: true as const, runCount: runs.run.length, packed: packTrend({ xAxis, runs: { run: runs.run, fill: runs.fill }, series }) };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const api = serverCaller(context, request);
  const page = await loadTrendPage(api, await withStoredSelection(api, parseTrendView(new URL(request.url).searchParams)));
  const theme = /(?:^|;\s*)dqmflow_theme=light/.test(request.headers.get("cookie") ?? "") ? ("light" as const) : ("dark" as const);
  return { ...page, trend: slim(page.trend), theme };
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
  // The loader's own input, serialized: the server validates it again.
  return (await browserTrpc().trends.csv.query(input as TrendRequest)).csv;
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

export default function Trends() {
  const data = useLoaderData<typeof loader>();
  const { tree, quantity, correlation, details, trendInput } = data;
  const packed = data.trend;
  // Keyed by the packed text, so a revalidation that brings the same trend redraws nothing.
  const packedText = packed?.ok ? packed.packed : null;
  const trendError = packed && !packed.ok ? packed.error : null;
  const trend = useMemo(() => (packedText !== null ? { ok: true as const, data: unpackTrend(packedText) } : trendError !== null ? { ok: false as const, error: trendError } : null), [packedText, trendError]);
  const view = data.view;
  const navigate = useNavigate();
  const navigation = useNavigation();
  const [params, setParams] = useSearchParams();
  const theme = useChartTheme(data.theme);
  const busy = navigation.state === "loading" && navigation.location.pathname === "/trends";
  const pendingSearch = busy ? navigation.location.search : null;
  const search = params.get("q") ?? "";
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
  const openPoint = useCallback((run: number, metric: string) => go({ ...shown, point: { run, metric }, referenceRun: null }), [go, shown]);

  const highlight = view.point?.run ?? null;
  const trendOption = useMemo(() => {
    if (!trend?.ok || trend.data.series.every((s) => s.run.length === 0)) return null;
    const s = trend.data.series;
    const sameY = s.every((x) => x.yTitle === s[0]!.yTitle);
    return buildTrendColumnsOption({
      title: s.length === 1 ? s[0]!.plotTitle : s.map((x) => x.name).join(" · "),
      yTitle: sameY ? s[0]!.yTitle : "value",
      xAxis: trend.data.xAxis,
      series: s,
      runs: trend.data.runs,
      errorBars: view.errorBars,
      fillBands: view.fillBands,
      theme,
      highlightRun: highlight,
    });
  }, [trend, view.errorBars, view.fillBands, theme, highlight]);

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
  }, [quantity, view.fillBands, theme, highlight]);

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

  if (tree.subsystems.length === 0 || !view.processingString) {
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
          <ChartCard
            title="Trend"
            filename={`hdqm-${view.subsystem}-${view.metrics.join("+")}`}
            option={trendOption}
            csv={() => fetchCsv(trendInput)}
            busy={busy}
            error={trend && !trend.ok ? trend.error : null}
            empty={view.metrics.length === 0 ? "Choose a metric on the left." : runCount === 0 ? "No runs match this selection. Widen the run choice or include non-significant runs." : noPoints ? "The chosen metrics have no points in these runs." : null}
            onPointClick={(datum, seriesName) => {
              if (Array.isArray(datum) && typeof datum[3] === "number" && view.metrics.includes(seriesName)) openPoint(datum[3], seriesName);
            }}
            testId="trend-chart"
          >
            <PointPicker metrics={view.metrics} current={view.point} onOpen={openPoint} />
          </ChartCard>

          {details ? (
            details.ok ? (
              <PointDetailsPanel details={details.data} theme={theme} busy={busy} onReference={(run) => go({ ...shown, referenceRun: run })} onClose={() => go({ ...shown, point: null, referenceRun: null })} />
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
  const error = useRouteError();
  const message = isRouteErrorResponse(error) ? `${error.status} ${typeof error.data === "string" ? error.data : error.statusText}` : error instanceof Error ? error.message : "unknown error";
  return (
    <div className="error-box" role="alert">
      <h1>The trend browser failed</h1>
      <p>{message}</p>
      <p><a href="/trends">Start again from the default view</a></p>
    </div>
  );
}
