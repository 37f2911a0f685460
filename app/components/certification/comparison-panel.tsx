/** A stage's comparison results (statistic, p-value, status) and the selected ME drawn over its reference with pulls. */
import { Link, useRouteLoaderData, useSearchParams } from "@remix-run/react";
import { useMemo, useRef } from "react";
import { buildHistogramOption } from "../../../charts/histogram-option";
import type { CertComparison } from "../../../db/tables/certification.table";
import type { ComparisonPlot } from "../../../server/certification/comparison-plot";
import { toCsv } from "../../lib/csv";
import { downloadText, downloadUrl } from "../../lib/download";
import { EChart, type EChartHandle } from "../echart";
import { StatusBadge } from "./status-badge";

/** The columns of a stored comparison result the panel shows. */
export type ComparisonRow = Pick<CertComparison, "stage" | "dataset_name" | "me_path" | "test" | "reference_run" | "statistic" | "p_value" | "status" | "message">;

const fmt = (x: number | null, digits = 4) => (x === null ? "—" : Math.abs(x) > 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e5) ? x.toExponential(2) : x.toFixed(digits));

/** The drawn comparison as CSV: bin edges, data, reference and pull per bin. */
export function comparisonPlotCsv(plot: ComparisonPlot): string {
  const data = plot.data;
  if (!data) return "";
  const ref = plot.reference;
  const header = ["bin_low", "bin_high", data.label.replaceAll(/\W+/g, "_"), ...(ref ? [ref.label.replaceAll(/\W+/g, "_")] : []), ...(plot.pulls.length ? ["pull"] : [])];
  const rows = data.contents.map((c, i) => [data.edges[i], data.edges[i + 1], c, ...(ref ? [ref.contents[i] ?? null] : []), ...(plot.pulls.length ? [plot.pulls[i] ?? null] : [])]);
  return toCsv(header, rows);
}

function PlotView({ runNumber, plot }: { runNumber: number; plot: ComparisonPlot }) {
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
      {plot.problem ? <p className="notice error" role="note">{plot.problem}</p> : null}
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

export function ComparisonPanel({ runNumber, comparisons, plot }: { runNumber: number; comparisons: ComparisonRow[]; plot: ComparisonPlot | null }) {
  const [params] = useSearchParams();
  const link = (c: ComparisonRow) => {
    const q = new URLSearchParams(params);
    q.set("me", c.me_path);
    q.set("cstage", c.stage);
    return `?${q.toString()}#comparisons`;
  };
  const exportCsv = () =>
    downloadText(toCsv(["run", "stage", "dataset", "me", "test", "reference", "statistic", "p_value", "status", "message"], comparisons.map((c) => [runNumber, c.stage, c.dataset_name, c.me_path, c.test, c.reference_run, c.statistic, c.p_value, c.status, c.message])), `run-${runNumber}-comparisons.csv`);
  return (
    <section className="cert-section wide" id="comparisons" aria-label="Comparison results">
      <h2>
        Comparisons against the reference <button type="button" onClick={exportCsv} disabled={comparisons.length === 0}>Export CSV</button>
      </h2>
      {comparisons.length === 0 ? (
        <p className="empty">No comparison results yet: they appear once a stage's data have been compared.</p>
      ) : (
        <table className="cert">
          <thead>
            <tr><th>Stage</th><th>Monitor element</th><th>Test</th><th className="num">Reference</th><th className="num">Statistic</th><th className="num">p-value</th><th>Status</th></tr>
          </thead>
          <tbody>
            {comparisons.map((c) => (
              <tr key={`${c.dataset_name}|${c.me_path}|${c.test}`} aria-current={params.get("me") === c.me_path && params.get("cstage") === c.stage ? "true" : undefined}>
                <td>{c.stage}</td>
                <td><Link to={link(c)} preventScrollReset>{c.me_path}</Link></td>
                <td className="nowrap">{c.test}</td>
                <td className="num">{c.reference_run ?? "—"}</td>
                <td className="num">{fmt(c.statistic)}</td>
                <td className="num">{fmt(c.p_value)}</td>
                <td><StatusBadge status={c.status} title={c.message ?? undefined} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {plot ? <PlotView runNumber={runNumber} plot={plot} /> : comparisons.length > 0 ? <p className="muted">Choose a monitor element to draw it over its reference, with the pulls.</p> : null}
    </section>
  );
}
