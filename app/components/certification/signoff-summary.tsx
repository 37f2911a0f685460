/** What a sign-off signs, shown in its confirmation: flags in force that are not GOOD, failed comparisons, and what blocks it. */
import { Link } from "@remix-run/react";
import type { SignoffPreview } from "../../../server/certification/signoff-preview";
import { SignoffBlockers } from "./signoff-blockers";
import { StatusBadge } from "./status-badge";

type Preview = Omit<SignoffPreview, "blockers"> & { blockers: SignoffPreview["blockers"] };

export function SignoffSummary({ preview, canEdit }: { preview: Preview; canEdit: boolean }) {
  const p = preview;
  return (
    <div className="signoff-summary" aria-label={`What the ${p.stage} sign-off of run ${p.runNumber} signs`} role="group">
      <p>
        You sign off <strong>{p.stage}</strong> of run {p.runNumber}
        {p.dataset ? <> (dataset <code>{p.dataset}</code>, {p.lsCount} lumisections)</> : null}.{" "}
        {p.goodComponents.length > 0 ? <span className="muted">GOOD throughout: {p.goodComponents.join(", ")}.</span> : null}
      </p>
      {p.flags.length === 0 ? <p>No flag other than GOOD is in force.</p> : (
        <table className="cert" aria-label="Flags being signed">
          <thead><tr><th>Component</th><th className="num">LS</th><th>Status</th><th>Comment</th><th>Origin</th></tr></thead>
          <tbody>
            {p.flags.map((f) => (
              <tr key={`${f.component}-${f.firstLs}`}>
                <td>{f.component}</td>
                <td className="num">{f.firstLs}–{f.lastLs}</td>
                <td><StatusBadge status={f.status} /></td>
                <td className="wrap">{f.comment || <span className="muted">none</span>}</td>
                <td className="muted nowrap">{f.origin}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {p.failedCount === 0 ? <p className="muted">No comparison of this stage failed.</p> : (
        <>
          <p><strong>{p.failedCount} failed comparison{p.failedCount === 1 ? "" : "s"}</strong>{p.failedCount > p.failedComparisons.length ? ` (first ${p.failedComparisons.length} shown)` : ""}:</p>
          <ul aria-label="Failed comparisons being signed">
            {p.failedComparisons.map((c) => (
              <li key={`${c.mePath}-${c.test}`}>
                <Link to={`/runs/${p.runNumber}?${new URLSearchParams({ me: c.mePath, cstage: p.stage, ctest: c.test }).toString()}`}>{c.mePath}</Link> <span className="muted">{c.test}{c.message ? `: ${c.message}` : ""}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {p.dataset ? <SignoffBlockers runNumber={p.runNumber} dataset={p.dataset} stage={p.stage} blockers={p.blockers} canEdit={canEdit} /> : null}
    </div>
  );
}
