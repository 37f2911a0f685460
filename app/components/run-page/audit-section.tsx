/**
 * The run's audit history: each entry as a sentence with who and when, and what it changed as a
 * field-by-field diff (opened on demand) instead of raw JSON. Newest first; the newest 40 unless
 * the URL asks for all (`audit=all`).
 */
import { Link, useSearchParams } from "@remix-run/react";
import { utcTime } from "../../lib/utc-time";
import { UndoButton } from "../certification/flags-panel";
import { auditChanges, auditSentence } from "./audit-sentence";

export interface AuditRow {
  readonly id: number;
  readonly at: string | Date;
  readonly kind: string;
  readonly actor: string;
  readonly reason: string;
  readonly before: unknown;
  readonly after: unknown;
}

const AUDIT_SHOWN = 40;

function Diff({ row }: { row: AuditRow }) {
  const changes = auditChanges(row.before ?? null, row.after ?? null);
  if (changes.length === 0) return null;
  return (
    <details className="audit-diff">
      <summary>{changes.length} field{changes.length === 1 ? "" : "s"} changed</summary>
      <table className="diff-table" aria-label={`Changes of audit entry ${row.id}`}>
        <thead>
          <tr><th scope="col">field</th><th scope="col">before</th><th scope="col">after</th></tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.field}>
              <th scope="row">{c.field}</th>
              <td className="diff-before">{c.before}</td>
              <td className="diff-after">{c.after}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function AuditSection({ audit }: { audit: readonly AuditRow[] }) {
  const [params] = useSearchParams();
  const all = params.get("audit") === "all";
  const newestFirst = [...audit].reverse();
  const rows = all ? newestFirst : newestFirst.slice(0, AUDIT_SHOWN);
  const toggle = new URLSearchParams(params);
  if (all) toggle.delete("audit");
  else toggle.set("audit", "all");
  return (
    <section className="cert-section wide" aria-label="Audit history">
      <h2>
        Audit history ({audit.length})
        {audit.length > AUDIT_SHOWN ? <Link to={`?${toggle.toString()}`} preventScrollReset className="badge idle">{all ? `newest ${AUDIT_SHOWN} only` : "show all"}</Link> : null}
      </h2>
      {audit.length === 0 ? <p className="muted">Nothing has happened to this run yet.</p> : null}
      <ol className="audit-list">
        {rows.map((a) => {
          const after = a.after as { id?: number; component?: string } | null;
          return (
            <li key={a.id} className="audit-entry" data-kind={a.kind}>
              <time dateTime={new Date(a.at).toISOString()}>{utcTime(new Date(a.at).toISOString())}</time>
              <div className="audit-body">
                <span className="audit-sentence">{auditSentence(a)}</span>
                <Diff row={a} />
              </div>
              <span className="audit-tools">
                <span className="muted audit-kind" title="entry kind and number">{a.kind} #{a.id}</span>
                {a.kind === "flag-edit" && after?.id ? <UndoButton id={after.id} component={after.component ?? ""} /> : null}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
