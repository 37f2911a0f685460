/**
 * The run's sheet at the top of the run page: OMS's metadata (class, fill, B field, energy, HLT
 * and L1 keys, luminosity, start, end, duration), the links to the DQM GUI, OMS, Run Registry and
 * the elog, and the reference run the comparisons used — a link to its own page, and for an
 * expert a form to choose another reference for the run class.
 */
import { Link, useFetcher } from "@remix-run/react";
import type { RunSheet } from "../../../server/overview/run-sheet.query";
import type { ActionResult } from "../../lib/action-result";
import { utcTime } from "../../lib/utc-time";

/** Seconds as "1 h 02 min 05 s" (minutes and seconds always two digits after the first unit). */
export function duration(s: number | null): string {
  if (s === null) return "ongoing";
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = Math.round(s % 60);
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h} h ${pad(m)} min ${pad(sec)} s` : m > 0 ? `${m} min ${pad(sec)} s` : `${sec} s`;
}

/** A quantity rounded to `digits` decimals without trailing zeros ("3.8 T", "4 /pb"). */
const num = (v: number | null, unit: string, digits = 2) => (v === null ? "—" : `${Number(v.toFixed(digits))}${unit}`);

function ReferenceForm({ runClass, current }: { runClass: string; current: number | null }) {
  const fetcher = useFetcher<ActionResult>();
  return (
    <fetcher.Form method="post" className="reference-form" aria-label={`Choose the reference run of ${runClass}`}>
      <input type="hidden" name="intent" value="setReference" />
      <input type="hidden" name="runClass" value={runClass} />
      <label>
        Reference run for {runClass}
        <input type="number" name="referenceRun" min={1} required defaultValue={current ?? undefined} aria-describedby="reference-help" />
      </label>
      <button type="submit" disabled={fetcher.state !== "idle"}>Use as reference</button>
      <span id="reference-help" className="muted">Used by every later comparison of {runClass} runs; needs the expert role.</span>
      {fetcher.data && !fetcher.data.ok ? <span role="alert" className="notice error">Refused: {fetcher.data.error}</span> : null}
      {fetcher.data?.ok ? <span role="status" className="notice ok">{fetcher.data.message}</span> : null}
    </fetcher.Form>
  );
}

export function RunSheetSection({ sheet, referenceRun, canChooseReference }: { sheet: RunSheet; referenceRun: number | null; canChooseReference: boolean }) {
  const rows: [string, React.ReactNode][] = [
    ["Class", sheet.provisional ? `${sheet.runClass} (provisional: no OMS metadata yet)` : sheet.runClass],
    ["Fill", sheet.fill ?? "—"],
    ["B field", num(sheet.bField, " T")],
    ["Beam energy", num(sheet.beamEnergy, " GeV", 0)],
    ["HLT key", sheet.hltKey ?? "—"],
    ["L1 key", sheet.l1Key ?? "—"],
    ["Delivered lumi", num(sheet.deliveredLumi, " /pb", 3)],
    ["Recorded lumi", num(sheet.recordedLumi, " /pb", 3)],
    ["Start", utcTime(sheet.startTime)],
    ["End", sheet.endTime ? utcTime(sheet.endTime) : "ongoing"],
    ["Duration", duration(sheet.durationS)],
    ["Lumisections", sheet.lsCount ?? "—"],
  ];
  return (
    <section className="cert-section wide" aria-label="Run metadata">
      <h2>Run metadata <span className="muted">from OMS</span></h2>
      <dl className="run-sheet">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
        <div>
          <dt>Reference run</dt>
          <dd>{referenceRun === null ? "none yet" : <Link to={`/runs/${referenceRun}`}>{referenceRun}</Link>}</dd>
        </div>
      </dl>
      <p className="run-links">
        <a href={sheet.links.dqmGui} target="_blank" rel="noreferrer">DQM GUI</a>
        <a href={sheet.links.oms} target="_blank" rel="noreferrer">OMS</a>
        <a href={sheet.links.runRegistry} target="_blank" rel="noreferrer">Run Registry</a>
        <a href={sheet.links.elog} target="_blank" rel="noreferrer">elog</a>
      </p>
      {canChooseReference ? <ReferenceForm runClass={sheet.runClass} current={referenceRun} /> : null}
    </section>
  );
}
