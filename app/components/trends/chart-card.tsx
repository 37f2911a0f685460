/** A chart in a card: title, PNG and CSV downloads, and its empty, loading and error states. */
import type { EChartsOption } from "echarts";
import { type ReactNode, useRef, useState } from "react";
import { downloadText, downloadUrl } from "../../lib/download";
import type { EChartHandle } from "../echart";
import { TrendEChart } from "./trend-echart";

interface Props {
  title: string;
  /** File name without extension, for both downloads. */
  filename: string;
  option: EChartsOption | null;
  /** CSV of what the chart shows (may be fetched). */
  csv: () => string | Promise<string>;
  busy: boolean;
  error?: string | null;
  empty?: string | null;
  height?: number;
  onPointClick?: (datum: unknown, seriesName: string) => void;
  children?: ReactNode;
  testId?: string;
}

export function ChartCard({ title, filename, option, csv, busy, error, empty, height = 460, onPointClick, children, testId }: Props) {
  const chart = useRef<EChartHandle>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const ready = !error && !empty && option;
  const png = () => {
    const url = chart.current?.toPng();
    if (url) downloadUrl(url, `${filename}.png`);
  };
  const data = async () => {
    setDownloadError(null);
    try {
      downloadText(await csv(), `${filename}.csv`);
    } catch (err) {
      setDownloadError(`CSV download failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return (
    <section className="card trend-card" aria-label={title} aria-busy={busy} data-testid={testId}>
      <header className="trend-card-head">
        <h2>{title}</h2>
        {ready ? (
          <span className="trend-card-tools">
            <button type="button" onClick={png} aria-label={`Download ${title} as PNG`}>PNG</button>
            <button type="button" onClick={() => void data()} aria-label={`Download ${title} data as CSV`}>CSV</button>
          </span>
        ) : null}
      </header>
      {downloadError ? <p role="alert" className="trend-error">{downloadError}</p> : null}
      {error ? (
        <p role="alert" className="trend-error">{error}</p>
      ) : empty ? (
        <p className="trend-empty">{empty}</p>
      ) : option ? (
        <div className="trend-chart-box">
          <TrendEChart ref={chart} option={option} label={title} height={height} {...(onPointClick ? { onPointClick } : {})} />
          {busy ? <div className="trend-busy" role="status">Updating…</div> : null}
        </div>
      ) : null}
      {children}
    </section>
  );
}
