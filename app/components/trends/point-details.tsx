/**
 * A clicked point: the run's metadata, the value, alarms, the source histogram over its
 * reference, and links to the DQM GUI, OMS and Run Registry (and to the run page when the run is
 * under certification). The reference run can be changed; previous/next step through the trend's runs.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import type { ThemeName } from "../../../charts/chart-theme";
import { histogramLine } from "../../../charts/histogram-line";
import { buildHistogramOption } from "../../../charts/histogram-option";
import type { PointDetails as Details } from "../../../server/hdqm/point-details";
import { ChartCard } from "./chart-card";

interface Props {
  details: Details;
  theme: ThemeName;
  busy: boolean;
  onReference: (run: number | null) => void;
  onClose: () => void;
  /** The trend's runs before and after this one (null at either end). */
  previousRun: number | null;
  nextRun: number | null;
  onRun: (run: number) => void;
  /** Which of the chart's series the point belongs to (the main one or an overlay). */
  series: string;
}

const fmt = (v: number | null | undefined, digits = 4) => (v === null || v === undefined ? "—" : Number(v.toPrecision(digits)).toLocaleString("en-US"));

function histogramCsv(d: Details): string {
  if (!d.histogram) return "";
  const data = histogramLine(d.histogram, `run ${d.run.run}`);
  const ref = d.reference ? histogramLine(d.reference.histogram, `run ${d.reference.run}`) : null;
  const lines = [["bin_low", "bin_high", `run_${d.run.run}`, ...(ref ? [`reference_${d.reference!.run}`] : [])].join(",")];
  data.contents.forEach((c, i) => lines.push([data.edges[i], data.edges[i + 1], c, ...(ref ? [ref.contents[i] ?? ""] : [])].join(",")));
  return lines.join("\n") + "\n";
}

export function PointDetailsPanel({ details: d, theme, busy, onReference, onClose, previousRun, nextRun, onRun, series }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [ref, setRef] = useState(d.reference ? String(d.reference.run) : "");
  useEffect(() => setRef(d.reference ? String(d.reference.run) : ""), [d.reference]);
  useEffect(() => heading.current?.focus(), [d.run.run, d.metric.name]);
  const option = useMemo(() => {
    if (!d.histogram) return null;
    const data = histogramLine(d.histogram, `run ${d.run.run}`);
    const reference = d.reference ? histogramLine(d.reference.histogram, `reference run ${d.reference.run}`) : undefined;
    const title = `${d.mePath ?? d.metric.name}${data.projected ? " (projection on x)" : ""}`;
    return buildHistogramOption({ title, data, ...(reference ? { reference } : {}), theme });
  }, [d, theme]);
  const r = d.run;
  const rows: [string, string][] = [
    ["Run class", r.runClass],
    ["Start (UTC)", r.startTime.replace("T", " ").slice(0, 19)],
    ["End (UTC)", r.endTime ? r.endTime.replace("T", " ").slice(0, 19) : "—"],
    ["Duration", r.durationS !== null ? `${(r.durationS / 3600).toFixed(2)} h` : "—"],
    ["Lumisections", fmt(r.lsCount, 6)],
    ["LHC fill", r.fill !== null ? String(r.fill) : "—"],
    ["B field", r.bField !== null ? `${r.bField} T` : "—"],
    ["Beam energy", r.beamEnergy !== null ? `${r.beamEnergy} GeV` : "—"],
    ["Delivered lumi", r.deliveredLumi !== null ? `${fmt(r.deliveredLumi)} /pb` : "—"],
    ["Recorded lumi", r.recordedLumi !== null ? `${fmt(r.recordedLumi)} /pb` : "—"],
    ["HLT key", r.hltKey ?? "—"],
    ["L1 key", r.l1Key ?? "—"],
    ["Significant", r.significant ? "yes" : "no (hidden by default)"],
  ];
  const chosen = d.reference?.chosenBy === "run class" ? "the experts' reference for this run class" : d.reference?.chosenBy === "previous run" ? "the previous significant run" : "chosen here";
  return (
    <section className="card trend-details" aria-labelledby="trend-details-title">
      <header className="trend-card-head">
        <h2 id="trend-details-title" ref={heading} tabIndex={-1}>
          Run {r.run} · {d.metric.name}
        </h2>
        <span className="trend-card-tools">
          <button type="button" disabled={previousRun === null} onClick={() => previousRun !== null && onRun(previousRun)} aria-label="Previous run in the trend">
            ← {previousRun ?? "first run"}
          </button>
          <button type="button" disabled={nextRun === null} onClick={() => nextRun !== null && onRun(nextRun)} aria-label="Next run in the trend">
            {nextRun ?? "last run"} →
          </button>
          <button type="button" onClick={onClose} aria-label="Close point details">Close</button>
        </span>
      </header>
      <p className="muted trend-series" data-testid="point-series">Series: {series}</p>
      <p className="trend-value">
        <strong>{d.point ? `${fmt(d.point.value, 6)} ± ${fmt(d.point.error, 3)}` : "no value for this run"}</strong> <span className="muted">{d.metric.yTitle} · {d.metric.function} · {d.dataset}</span>
      </p>
      {d.alarms.length ? (
        <ul className="trend-alarms" aria-label="Alarms">
          {d.alarms.map((a) => <li key={a.check + a.message}><strong>{a.check}</strong>: {a.message}</li>)}
        </ul>
      ) : null}
      <nav className="trend-links" aria-label="Run in other tools">
        <a href={d.links.dqmGui} target="_blank" rel="noreferrer">DQM GUI</a>
        <a href={d.links.oms} target="_blank" rel="noreferrer">OMS</a>
        <a href={d.links.runRegistry} target="_blank" rel="noreferrer">Run Registry</a>
        {d.runPage ? <a href={`/runs/${r.run}`}>Run page</a> : <span className="muted" title="dqmflow has run pages for runs under certification">no run page (not under certification)</span>}
      </nav>
      <div className="trend-details-body">
        <dl className="trend-meta">
          {rows.map(([k, v]) => (
            <div key={k}><dt>{k}</dt><dd>{v}</dd></div>
          ))}
        </dl>
        <div className="trend-histogram">
          <ChartCard
            title={`Histogram of run ${r.run}`}
            filename={`hdqm-${d.metric.name}-run${r.run}-histogram`}
            option={option}
            csv={() => histogramCsv(d)}
            busy={busy}
            empty={d.histogram ? null : "The source histogram of this run was not stored."}
            height={340}
            testId="point-histogram"
          >
            <form
              className="trend-ref"
              onSubmit={(e) => {
                e.preventDefault();
                const n = Number(ref);
                onReference(ref.trim() === "" ? null : Number.isInteger(n) && n > 0 ? n : null);
              }}
            >
              <label>
                Reference run <input type="number" min={1} value={ref} onChange={(e) => setRef(e.currentTarget.value)} />
              </label>
              <button type="submit">Show reference</button>
              <span className="muted">{d.reference ? `run ${d.reference.run}, ${chosen}, scaled to this run's entries` : "no reference histogram found"}</span>
            </form>
          </ChartCard>
        </div>
      </div>
    </section>
  );
}
