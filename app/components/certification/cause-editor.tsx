/**
 * The standard causes of one component for experts: the active ones with rename and retire, an
 * add form, and the retired ones (with what replaced them). Each form carries a request id of its
 * own, so a double click changes nothing twice.
 */
import { useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { MAX_CAUSE_CHARS, MIN_CAUSE_CHARS } from "../../../server/certification/flag-cause-text";
import type { ActionResult } from "../../lib/action-result";

export interface CauseEntry {
  id: number;
  component: string;
  cause: string;
  active: boolean;
  createdBy: string;
  createdAt: string | Date;
  retiredBy: string | null;
  retiredAt: string | Date | null;
  replacedBy: number | null;
}

const day = (d: string | Date) => new Date(d).toISOString().slice(0, 16).replace("T", " ");

/** A fresh request id per answer: the next submit is a new request, a repeated one is not. */
function useRequestId(result: ActionResult | undefined) {
  const [id, setId] = useState("");
  useEffect(() => setId(`ui-${crypto.randomUUID()}`), [result]);
  return id;
}

function Outcome({ data }: { data: ActionResult | undefined }) {
  if (!data) return null;
  return data.ok ? <span role="status" className="notice ok">{data.message}</span> : <span role="alert" className="notice error">Refused: {data.error}</span>;
}

function CauseRow({ entry, canEdit }: { entry: CauseEntry; canEdit: boolean }) {
  const fetcher = useFetcher<ActionResult>();
  const requestId = useRequestId(fetcher.data);
  const [mode, setMode] = useState<"view" | "rename" | "retire">("view");
  const busy = fetcher.state !== "idle";
  useEffect(() => {
    if (fetcher.data?.ok) setMode("view");
  }, [fetcher.data]);
  return (
    <tr>
      <td className="wrap">{entry.cause}</td>
      <td className="muted nowrap">{entry.createdBy === "migration" ? "seeded" : entry.createdBy}, {day(entry.createdAt)}</td>
      <td>
        {!canEdit ? null : mode === "view" ? (
          <span className="actions">
            <button type="button" onClick={() => setMode("rename")} aria-label={`Rename ${entry.cause} (${entry.component})`}>Rename</button>
            <button type="button" className="danger" onClick={() => setMode("retire")} aria-label={`Retire ${entry.cause} (${entry.component})`}>Retire</button>
          </span>
        ) : (
          <fetcher.Form method="post" className="inline-fix" aria-label={`${mode === "rename" ? "Rename" : "Retire"} ${entry.cause} (${entry.component})`}>
            <input type="hidden" name="intent" value={mode === "rename" ? "renameCause" : "retireCause"} />
            <input type="hidden" name="id" value={entry.id} />
            <input type="hidden" name="requestId" value={requestId} />
            {mode === "rename" ? (
              <label>New text<input name="cause" defaultValue={entry.cause} required minLength={MIN_CAUSE_CHARS} maxLength={MAX_CAUSE_CHARS} /></label>
            ) : (
              <span>Retire “{entry.cause}”? The forms stop offering it; flags written with it keep their text.</span>
            )}
            <button type="submit" className="primary" disabled={!requestId || busy}>{mode === "rename" ? "Save the new text" : "Yes, retire it"}</button>
            <button type="button" onClick={() => setMode("view")}>Cancel</button>
          </fetcher.Form>
        )}
        <Outcome data={fetcher.data} />
      </td>
    </tr>
  );
}

function AddCause({ component }: { component: string }) {
  const fetcher = useFetcher<ActionResult>();
  const requestId = useRequestId(fetcher.data);
  const [text, setText] = useState("");
  useEffect(() => {
    if (fetcher.data?.ok) setText("");
  }, [fetcher.data]);
  return (
    <fetcher.Form method="post" className="form-grid" aria-label={`Add a cause to ${component}`}>
      <input type="hidden" name="intent" value="addCause" />
      <input type="hidden" name="component" value={component} />
      <input type="hidden" name="requestId" value={requestId} />
      <label>New cause<input name="cause" value={text} onChange={(e) => setText(e.target.value)} required minLength={MIN_CAUSE_CHARS} maxLength={MAX_CAUSE_CHARS} placeholder="e.g. HV trip in sector 3" /></label>
      <button type="submit" className="primary" disabled={!requestId || fetcher.state !== "idle"}>Add</button>
      <Outcome data={fetcher.data} />
    </fetcher.Form>
  );
}

export function ComponentCauses({ component, entries, canEdit }: { component: string; entries: CauseEntry[]; canEdit: boolean }) {
  const active = entries.filter((e) => e.active);
  const retired = entries.filter((e) => !e.active);
  const textOf = new Map(entries.map((e) => [e.id, e.cause]));
  return (
    <section className="cert-section" aria-label={`Causes of ${component}`}>
      <h2>{component} <span className="badge idle">{active.length} offered</span></h2>
      {active.length === 0 ? <p className="empty">No standard cause: the flag form offers only “other”.</p> : (
        <table className="cert">
          <thead><tr><th>Cause</th><th>Added by</th><th><span className="muted">{canEdit ? "change" : ""}</span></th></tr></thead>
          <tbody>{active.map((e) => <CauseRow key={e.id} entry={e} canEdit={canEdit} />)}</tbody>
        </table>
      )}
      {canEdit ? <AddCause component={component} /> : null}
      {retired.length > 0 ? (
        <details className="audit-diff">
          <summary>Retired ({retired.length})</summary>
          <ul>
            {retired.map((e) => (
              <li key={e.id}>
                “{e.cause}” — retired by {e.retiredBy ?? "?"}{e.retiredAt ? `, ${day(e.retiredAt)}` : ""}
                {e.replacedBy !== null ? `; renamed to “${textOf.get(e.replacedBy) ?? `entry ${e.replacedBy}`}”` : ""}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
