/** The board's shift summary: what the last hours signed, revoked, flagged and left, as text to paste into the elog. */
import { Link, useSearchParams } from "@remix-run/react";
import { useState } from "react";

export const SUMMARY_HOURS = [8, 12, 24] as const;

export function ShiftSummaryPanel({ summary }: { summary: { text: string; signed: unknown[]; flagged: unknown[]; left: unknown[] } | null }) {
  const [params] = useSearchParams();
  const [copied, setCopied] = useState(false);
  const link = (hours: number | null) => {
    const q = new URLSearchParams(params);
    if (hours === null) q.delete("summary");
    else q.set("summary", String(hours));
    return `?${q.toString()}`;
  };
  const copy = (text: string) =>
    void navigator.clipboard.writeText(text).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <section className="cert-section" aria-label="Shift summary">
      <h2>
        Shift summary for the elog
        {SUMMARY_HOURS.map((h) => (
          <Link key={h} to={link(h)} preventScrollReset className={params.get("summary") === String(h) ? "badge info" : "badge idle"}>last {h} h</Link>
        ))}
        {summary ? <Link to={link(null)} preventScrollReset>Hide</Link> : null}
      </h2>
      {summary ? (
        <>
          <p className="muted">{summary.signed.length} signed off · {summary.flagged.length} flags set by hand · {summary.left.length} runs left waiting for a sign-off</p>
          <textarea readOnly aria-label="Shift summary text" value={summary.text} rows={Math.min(16, summary.text.split("\n").length + 1)} className="summary-text" />
          <div className="form-grid">
            <button type="button" onClick={() => copy(summary.text)}>Copy to the clipboard</button>
            {copied ? <span role="status" className="muted">copied</span> : null}
          </div>
        </>
      ) : <p className="muted">Choose a window: the summary lists sign-offs, revoked sign-offs and flags set by people in it, and the runs still waiting for a sign-off.</p>}
    </section>
  );
}
