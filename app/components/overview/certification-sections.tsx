/** The overview's certification picture: runs in flight per stage, waiting for sign-off or calibrations. */
import { utcTime } from "../../lib/utc-time";
import type { OverviewSummary } from "./summary-type";

function RunLink({ run }: { run: number }) {
  return <a href={`/runs/${run}`}>{run}</a>;
}

function StageTile({ s }: { s: OverviewSummary["stages"][number] }) {
  return (
    <section className="stage-tile" aria-label={`${s.stage} stage`}>
      <h3>{s.stage}</h3>
      <div className="stage-count" data-testid={`in-flight-${s.stage}`}>{s.inFlight}</div>
      <div className="muted">in flight</div>
      <ul className="stage-breakdown">
        <li className={s.awaitingSignoff ? "warn" : undefined}>{s.awaitingSignoff} waiting for sign-off</li>
        {s.stage === "express" && <li className={s.awaitingCalibration ? "warn" : undefined}>{s.awaitingCalibration} waiting for calibrations</li>}
      </ul>
    </section>
  );
}

export function CertificationSections({ summary }: { summary: OverviewSummary }) {
  return (
    <>
      <section className="card overview-section" aria-labelledby="in-flight-title">
        <h2 id="in-flight-title">Certification in flight</h2>
        <div className="stage-tiles">
          {summary.stages.map((s) => (
            <StageTile key={s.stage} s={s} />
          ))}
        </div>
        <p className="muted">
          <a href="/certification">Open the certification board</a>
        </p>
      </section>
      <div className="overview-columns">
        <section className="card overview-section" aria-labelledby="signoff-title">
          <h2 id="signoff-title">Waiting for sign-off</h2>
          {summary.awaitingSignoff.length === 0 ? (
            <p className="empty">No run is waiting for a sign-off.</p>
          ) : (
            <table className="overview-table">
              <thead>
                <tr><th scope="col">Run</th><th scope="col">Class</th><th scope="col">Stage</th><th scope="col">Status</th><th scope="col">Since</th></tr>
              </thead>
              <tbody>
                {summary.awaitingSignoff.map((r) => (
                  <tr key={`${r.runNumber}-${r.stage}`}>
                    <td><RunLink run={r.runNumber} /></td>
                    <td>{r.runClass}</td>
                    <td>{r.stage}</td>
                    <td className={r.certStatus === "comparison-failed" ? "bad" : undefined} title={r.lastError ?? undefined}>{r.certStatus}</td>
                    <td><time dateTime={r.since}>{utcTime(r.since)}</time></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="card overview-section" aria-labelledby="calibration-title">
          <h2 id="calibration-title">Waiting for calibrations</h2>
          {summary.awaitingCalibration.length === 0 ? (
            <p className="empty">No run is waiting for prompt calibrations.</p>
          ) : (
            <table className="overview-table">
              <thead>
                <tr><th scope="col">Run</th><th scope="col">Class</th><th scope="col">Calibrations not done</th><th scope="col">Since</th></tr>
              </thead>
              <tbody>
                {summary.awaitingCalibration.map((r) => (
                  <tr key={r.runNumber}>
                    <td><RunLink run={r.runNumber} /></td>
                    <td>{r.runClass}</td>
                    <td>{r.missing.length ? r.missing.map((m) => `${m.workflow} (${m.status})`).join(", ") : "—"}</td>
                    <td><time dateTime={r.since}>{utcTime(r.since)}</time></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="muted">
            <a href="/calibration">Calibration readiness</a>
          </p>
        </section>
      </div>
    </>
  );
}
