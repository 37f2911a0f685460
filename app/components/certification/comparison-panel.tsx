/**
 * A stage's comparison results (statistic, p-value, status) and the selected ME drawn over its
 * reference with pulls; stages whose comparisons could not run are named first, with a retry.
 */
import { Link, useRouteLoaderData, useSearchParams } from "@remix-run/react";
import { useMemo, useRef } from "react";
import { buildHistogramOption } from "../../../charts/histogram-option";
import type { CertComparison } from "../../../db/tables/certification.table";
import type { ComparisonPlot } from "../../../server/certification/comparison-plot";
import type { FileQualityResultView } from "../../../server/certification/file-quality-results";
import { toCsv } from "../../lib/csv";
import { downloadText, downloadUrl } from "../../lib/download";
import { EChart, type EChartHandle } from "../echart";
import { figure, isNoData } from "../overview/comparison-figures";
import { ComparisonRetries, type FailedStage } from "./comparison-retry";
import { StatusBadge } from "./status-badge";

/** The columns of a stored comparison result the panel shows. */
export type ComparisonRow = Pick<CertComparison, "stage" | "dataset_name" | "me_path" | "test" | "reference_run" | "statistic" | "p_value" | "score" | "status" | "message">;

/** Results that judge the run on its own (anomaly models over lumisections, HDQM trend checks): no histogram over a reference to draw. */
const WITHOUT_REFERENCE = new Set(["ml-anomaly", "trend-check"]);

export function comparesWithReference(c: Pick<ComparisonRow, "test">): boolean {
  return !WITHOUT_REFERENCE.has(c.test);
}

/** The result the URL points at (`me`, `cstage`, and `ctest` when several tests share the ME). */
export function chosenComparison<C extends Pick<ComparisonRow, "me_path" | "stage" | "test">>(comparisons: readonly C[], params: URLSearchParams): C | null {
  const test = params.get("ctest");
  return comparisons.find((c) => c.me_path === params.get("me") && c.stage === params.get("cstage") && (test === null || c.test === test)) ?? null;
}

/** A result's status: the quality statuses as badges, the ones without data as a grey "no data". */
function ResultStatus({ c }: { c: ComparisonRow }) {
  if (isNoData(c.status)) return <span className="badge idle" title={c.message ?? undefined}>no data</span>;
  return <StatusBadge status={c.status} title={c.message ?? undefined} />;
}

/** The drawn comparison as CSV: bin edges, data, reference and pull per bin. */
export function comparisonPlotCsv(plot: ComparisonPlot): string {
  const data = plot.data;
  if (!data) return "";
  const ref = plot.reference;
  const header = ["bin_low", "bin_high", data.label.replaceAll(/\W+/g, "_"), ...(ref ? [ref.label.replaceAll(/\W+/g, "_")] : []), ...(plot.pulls.length ? ["pull"] : [])];
  const rows = data.contents.map((c, i) => [data.edges[i], data.edges[i + 1], c, ...(ref ? [ref.contents[i] ?? null] : []), ...(plot.pulls.length ? [plot.pulls[i] ?? null] : [])]);
  return toCsv(header, rows);
}

/** The same value while its content is the same: a live revalidation that brings an equal plot must not redraw (and blank) the chart. */
function useStableContent<T>(value: T): T {
  const kept = useRef(value);
  if (kept.current !== value && JSON.stringify(kept.current) !== JSON.stringify(value)) kept.current = value;
  return kept.current;
}

function PlotView({ runNumber, plot: fresh }: { runNumber: number; plot: ComparisonPlot }) {
  const plot = useStableContent(fresh);
  const root = useRouteLoaderData<{ theme?: string }>("root");
  const theme = root?.theme === "light" ? "light" : "dark";
  const chart = useRef<EChartHandle>(null);
  const option = useMemo(
    () =>
      plot.data
        ? buildHistogramOption({ title: plot.mePath, data: plot.data, ...(plot.reference ? { reference: plot.reference } : {}), ...(plot.pulls.length ? { pulls: plot.pulls.map((p) => p ?? Number.NaN) } : {}), theme })
        : null,
    [plot, theme],
  );
  const filename = `run-${runNumber}-${plot.mePath.replaceAll(/[^\w.-]+/g, "_")}`;
  const png = () => {
    const url = chart.current?.toPng();
    if (url) downloadUrl(url, `${filename}.png`);
  };
  return (
    <div>
      {plot.problem ? <p className="notice" role="note">Nothing to draw: {plot.problem}.</p> : null}
      {option ? (
        <>
          <p className="plot-tools">
            <button type="button" onClick={png} aria-label={`Download ${plot.mePath} as PNG`}>PNG</button>
            <button type="button" onClick={() => downloadText(comparisonPlotCsv(plot), `${filename}.csv`)} aria-label={`Download ${plot.mePath} data as CSV`}>CSV</button>
          </p>
          <EChart ref={chart} option={option} label={`${plot.mePath}: data over reference with pulls`} height={420} />
        </>
      ) : null}
    </div>
  );
}

/** CMSSW's own quality tests of the same ME in the same dataset, as read from the DQM file: beside dqmflow's verdict. */
function CmsswResults({ results }: { results: readonly FileQualityResultView[] }) {
  if (results.length === 0) return <span className="muted">—</span>;
  return (
    <span className="cmssw-results">
      {results.map((r) => (
        <span key={r.test} title={`${r.test}${r.algorithm ? ` (${r.algorithm})` : ""}${r.result === null ? "" : `: ${r.result.toPrecision(4)}`}${r.message ? ` — ${r.message}` : ""}`}>
          <StatusBadge status={r.status} /> <span className="muted">{r.test}</span>
        </span>
      ))}
    </span>
  );
}

export function ComparisonPanel({ runNumber, comparisons, plot, fileQuality = [], failedStages = [], canRetry = false }: { runNumber: number; comparisons: ComparisonRow[]; plot: ComparisonPlot | null; fileQuality?: readonly FileQualityResultView[]; failedStages?: readonly FailedStage[]; canRetry?: boolean }) {
  const cmsswOf = (c: ComparisonRow) => fileQuality.filter((q) => q.dataset === c.dataset_name && q.mePath === c.me_path);
  const showCmssw = comparisons.some((c) => cmsswOf(c).length > 0);
  const [params] = useSearchParams();
  const link = (c: ComparisonRow) => {
    const q = new URLSearchParams(params);
    q.set("me", c.me_path);
    q.set("cstage", c.stage);
    q.set("ctest", c.test);
    return `?${q.toString()}#comparisons`;
  };
  const chosen = chosenComparison(comparisons, params);
  const exportCsv = () =>
    downloadText(toCsv(["run", "stage", "dataset", "me", "test", "reference", "statistic", "p_value", "score", "status", "message"], comparisons.map((c) => [runNumber, c.stage, c.dataset_name, c.me_path, c.test, c.reference_run, c.statistic, c.p_value, c.score, c.status, c.message])), `run-${runNumber}-comparisons.csv`);
  return (
    <section className="cert-section wide" id="comparisons" aria-label="Comparison results">
      <h2>
        Comparisons against the reference <button type="button" onClick={exportCsv} disabled={comparisons.length === 0}>Export CSV</button>
      </h2>
      <ComparisonRetries runNumber={runNumber} failed={failedStages} canRetry={canRetry} />
      {comparisons.length === 0 ? (
        <p className="empty">No comparison results yet: they appear once a stage's data have been compared.</p>
      ) : (
        <table className="cert">
          <thead>
            <tr><th>Stage</th><th>Monitor element</th><th>Test</th><th className="num">Reference</th><th className="num">Statistic</th><th className="num">p-value</th><th className="num">Score</th><th>Status</th>{showCmssw ? <th title="Quality tests CMSSW ran on the same monitor element, read from the DQM file">CMSSW (file)</th> : null}</tr>
          </thead>
          <tbody>
            {comparisons.map((c) => (
              <tr key={`${c.dataset_name}|${c.me_path}|${c.test}`} aria-current={chosen === c ? "true" : undefined}>
                <td>{c.stage}</td>
                <td className="me-path"><Link to={link(c)} preventScrollReset>{c.me_path}</Link></td>
                <td className="nowrap">{c.test}</td>
                <td className="num">{c.reference_run ?? "—"}</td>
                <td className="num">{figure(c.statistic)}</td>
                <td className="num">{figure(c.p_value)}</td>
                <td className="num">{figure(c.score !== null && c.score < 0 ? null : c.score)}</td>
                <td><ResultStatus c={c} /></td>
                {showCmssw ? <td><CmsswResults results={cmsswOf(c)} /></td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {chosen && !comparesWithReference(chosen) ? (
        <p className="muted" role="note">
          {chosen.test} on {chosen.me_path} is not a comparison with a reference run, so there is no histogram to draw: {chosen.message ?? "no details stored"}.
        </p>
      ) : plot ? <PlotView runNumber={runNumber} plot={plot} /> : comparisons.length > 0 ? <p className="muted">Choose a monitor element to draw it over its reference, with the pulls.</p> : null}
    </section>
  );
}
