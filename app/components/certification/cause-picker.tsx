/**
 * The flag forms' cause: a component's standard causes as a pick list, or "other" with the
 * person's own words (written as `other: …`). The chosen cause is sent as `cause`; the form's
 * comment starts with it (flagComment), so sign-off checks, Run Registry and the audit see it.
 */
import { useEffect, useState } from "react";
import { OTHER_CAUSE_PREFIX } from "../../../server/certification/flag-cause-text";
import { browserTrpc } from "../../lib/trpc-browser";

export interface CauseOption {
  readonly id: number;
  readonly component: string;
  readonly cause: string;
}

const OTHER = "__other";

/** The active standard causes, fetched once the page runs in the browser (the run page's loader stays as it is). */
export function useStandardCauses(): CauseOption[] | null {
  const [causes, setCauses] = useState<CauseOption[] | null>(null);
  useEffect(() => {
    let live = true;
    browserTrpc()
      .certification.causes.query({ includeRetired: false })
      .then((r) => live && setCauses(r.causes))
      .catch(() => live && setCauses([]));
    return () => {
      live = false;
    };
  }, []);
  return causes;
}

/** The cause the picker stands for: a standard cause's text, `other: <words>`, or "" for none. */
export function chosenCause(choice: string, other: string): string {
  if (choice !== OTHER) return choice;
  return other.trim() ? `${OTHER_CAUSE_PREFIX}${other.trim()}` : "";
}

export function CausePicker({ component, causes, initial = "", onChange }: { component: string; causes: readonly CauseOption[] | null; initial?: string; onChange: (cause: string) => void }) {
  const own = (causes ?? []).filter((c) => c.component === component);
  const startOther = initial.startsWith(OTHER_CAUSE_PREFIX);
  const [choice, setChoice] = useState(startOther ? OTHER : initial);
  const [other, setOther] = useState(startOther ? initial.slice(OTHER_CAUSE_PREFIX.length) : "");
  // Another component has other causes: a standard cause of the previous one no longer applies.
  useEffect(() => {
    if (causes !== null && choice !== OTHER && choice !== "" && !own.some((c) => c.cause === choice)) setChoice("");
  }, [component, causes]);
  const cause = chosenCause(choice, other);
  useEffect(() => onChange(cause), [cause]);
  return (
    <>
      <label>
        Cause
        <select value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">{causes === null ? "— loading causes… —" : own.length ? "— none —" : "— no standard cause —"}</option>
          {own.map((c) => <option key={c.id} value={c.cause}>{c.cause}</option>)}
          <option value={OTHER}>other: type it…</option>
        </select>
      </label>
      {choice === OTHER ? <label>Other cause<input value={other} onChange={(e) => setOther(e.target.value)} maxLength={180} placeholder="in a few words" /></label> : null}
      <input type="hidden" name="cause" value={cause} />
    </>
  );
}
