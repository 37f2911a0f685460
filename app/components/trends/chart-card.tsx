/**
 * A chart in a card: title, PNG and CSV downloads, and its empty, loading and error states. The
 * PNG is drawn from `exportOption` when given (light theme, no zoom slider, a naming title) in an
 * off-screen chart, so the picture is the same whatever the page's theme.
 */
import type { EChartsOption } from "echarts";
import { type ReactNode, useRef, useState } from "react";
import { downloadText, downloadUrl } from "../../lib/download";
import { echarts } from "../../lib/trend-echarts.client";
import type { EChartHandle } from "../echart";
import { TrendEChart } from "./trend-echart";

/** Pixels of the exported picture (before the 2× pixel ratio): wide enough for a slide. */
const EXPORT_SIZE = { width: 1400, height: 600 };

/** Draws `option` off screen and returns it as a PNG data URL. */
function pngOf(option: EChartsOption): string {
  const box = document.createElement("div");
  box.style.cssText = `position:fixed;left:-10000px;top:0;width:${EXPORT_SIZE.width}px;height:${EXPORT_SIZE.height}px`;
  document.body.appendChild(box);
  const chart = echarts.init(box, undefined, { renderer: "canvas", width: EXPORT_SIZE.width, height: EXPORT_SIZE.height });
  try {
    chart.setOption(option);
    return chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#ffffff" });
  } finally {
    chart.dispose();
    box.remove();
  }
}

interface Props {
  title: string;
  /** File name without extension, for both downloads. */
  filename: string;
  option: EChartsOption | null;
  /** The PNG's option (light theme, no slider); without it the PNG is the chart as shown. */
  exportOption?: (() => EChartsOption) | null;
  /** CSV of what the chart shows (may be fetched). */
  csv: () => string | Promise<string>;
  busy: boolean;
  error?: string | null;
  empty?: string | null;
  height?: number;
  onPointClick?: (datum: unknown, seriesName: string) => void;
  children?: ReactNode;
  testId?: string;
  /** Buttons beside PNG and CSV (e.g. full screen). */
  tools?: ReactNode;
  /** The text the option is built from, for drawing it before hydration (see ./early-chart.ts). */
  early?: (() => string) | null;
}

export function ChartCard({ title, filename, option, exportOption, csv, busy, error, empty, height = 460, onPointClick, children, testId, tools, early }: Props) {
  const chart = useRef<EChartHandle>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const ready = !error && !empty && option;
  const png = () => {
    const url = exportOption ? pngOf(exportOption()) : chart.current?.toPng();
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
        {ready || tools ? (
          <span className="trend-card-tools">
            {tools}
            {ready ? (
              <>
                <button type="button" onClick={png} aria-label={`Download ${title} as PNG`}>PNG</button>
                <button type="button" onClick={() => void data()} aria-label={`Download ${title} data as CSV`}>CSV</button>
              </>
            ) : null}
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
          <TrendEChart ref={chart} option={option} label={title} height={height} {...(onPointClick ? { onPointClick } : {})} {...(early ? { early } : {})} />
          {busy ? <div className="trend-busy" role="status">Updating…</div> : null}
        </div>
      ) : null}
      {children}
    </section>
  );
}
