/**
 * Every metric of a subsystem as a grid of small trend charts (HDQM's subsystem page), each with
 * a full-screen view: a dialog with the big chart, its PNG and CSV, previous/next metric, and Esc
 * to close. The small charts carry no zoom slider and no error bars, to stay light.
 */
import type { EChartsOption } from "echarts";
import { useEffect, useRef } from "react";
import type { ChartSeries } from "../../lib/trends-payload";
import { ChartCard } from "./chart-card";
import { TrendEChart } from "./trend-echart";

export interface GridTile {
  series: ChartSeries;
  option: EChartsOption;
}

interface GridProps {
  tiles: GridTile[];
  subsystem: string;
  onFullScreen: (metric: string) => void;
}

export function MetricGrid({ tiles, subsystem, onFullScreen }: GridProps) {
  if (!tiles.length) return <p className="trend-empty">No metric of {subsystem} has points in these runs.</p>;
  return (
    <section className="card trend-grid-card" aria-label={`All metrics of ${subsystem}`}>
      <header className="trend-card-head">
        <h2>All {tiles.length} metrics of {subsystem}</h2>
      </header>
      <ul className="trend-grid" aria-label="Metric charts">
        {tiles.map((t) => (
          <li key={t.series.name} className="trend-tile">
            <div className="trend-tile-head">
              <strong title={t.series.plotTitle}>{t.series.name}</strong>
              <button type="button" onClick={() => onFullScreen(t.series.name)} aria-label={`Show ${t.series.name} full screen`}>Full screen</button>
            </div>
            <TrendEChart option={t.option} label={`Trend of ${t.series.name}`} height={210} />
          </li>
        ))}
      </ul>
    </section>
  );
}

interface FullScreenProps {
  metric: string;
  names: string[];
  option: EChartsOption;
  exportOption: () => EChartsOption;
  filename: string;
  csv: () => Promise<string>;
  onMetric: (metric: string) => void;
  onClose: () => void;
  onPointClick: (datum: unknown, seriesName: string) => void;
}

export function FullScreenTrend({ metric, names, option, exportOption, filename, csv, onMetric, onClose, onPointClick }: FullScreenProps) {
  const dialog = useRef<HTMLDivElement>(null);
  const i = names.indexOf(metric);
  const previous = i > 0 ? names[i - 1]! : null;
  const next = i >= 0 && i < names.length - 1 ? names[i + 1]! : null;
  useEffect(() => {
    dialog.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <div className="trend-fullscreen" role="dialog" aria-modal="true" aria-label={`${metric} full screen`} ref={dialog} tabIndex={-1}>
      <ChartCard
        title={metric}
        filename={filename}
        option={option}
        exportOption={exportOption}
        csv={csv}
        busy={false}
        height={Math.max(420, typeof window === "undefined" ? 600 : window.innerHeight - 160)}
        onPointClick={onPointClick}
        testId="fullscreen-chart"
        tools={
          <>
            <button type="button" disabled={!previous} onClick={() => previous && onMetric(previous)} aria-label="Previous metric">← {previous ?? "first"}</button>
            <button type="button" disabled={!next} onClick={() => next && onMetric(next)} aria-label="Next metric">{next ?? "last"} →</button>
            <button type="button" onClick={onClose} aria-label="Close full screen">Close (Esc)</button>
          </>
        }
      />
    </div>
  );
}
