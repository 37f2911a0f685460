/** Component flags of one dataset: what is in force per lumisection range, the edit form, every version with undo, and the coverage summary. */
import { Link, useFetcher, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { flagComment } from "../../../server/certification/flag-cause-text";
import { flagStatuses, originLabel } from "../../../server/certification/flags";
import type { ActionResult } from "../../lib/action-result";
import { toCsv } from "../../lib/csv";
import { downloadText } from "../../lib/download";
import { CausePicker, useStandardCauses } from "./cause-picker";
import { StatusBadge } from "./status-badge";

interface Origin { kind: string; name: string }
export interface DatasetFlags {
  dataset: string;
  history: { id: number; component: string; firstLs: number; lastLs: number; status: string; cause: string; comment: string; origin: Origin; undoOf: number | null; undoneBy: number | null; createdBy: string; createdAt: string | Date }[];
  effective: { component: string; firstLs: number; lastLs: number; status: string; cause: string; comment: string; origin: Origin | null; changeId: number | null }[];
  coverage: { component: string; lumisections: Fractions; luminosity: Fractions }[];
  componentsWithoutStatus: string[];
}
interface Fractions { good: number; bad: number; other: number; unknown: number }

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const newRequestId = () => `ui-${crypto.randomUUID()}`;

function useRequestId(result: ActionResult | undefined) {
  const [id, setId] = useState("");
  useEffect(() => setId(newRequestId()), [result]);
  return id;
}

function Bar({ f, label }: { f: Fractions; label: string }) {
  return (
    <div className="bar" role="img" aria-label={`${label}: good ${pct(f.good)}, bad ${pct(f.bad)}, other ${pct(f.other)}, unknown ${pct(f.unknown)}`}>
      {(["good", "bad", "other", "unknown"] as const).map((k) => <span key={k} className={k} style={{ width: pct(f[k]) }} />)}
    </div>
  );
}

/** A whole number from the URL within 1..max, for the form opened on a range. */
function lsParam(raw: string | null, max: number): number | undefined {
  const n = raw && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  return n >= 1 && n <= max ? n : undefined;
}

function EditForm({ flags, lsCount, canEdit }: { flags: DatasetFlags; lsCount: number; canEdit: boolean }) {
  const fetcher = useFetcher<ActionResult>();
  const requestId = useRequestId(fetcher.data);
  const [params] = useSearchParams();
  const components = [...new Set(flags.effective.map((e) => e.component))];
  // Opened on a range (a blocker's "Open LS a–b"): the form starts on that component and range.
  const component = components.find((c) => c === params.get("component"));
  const first = lsParam(params.get("first"), lsCount) ?? 1;
  const last = lsParam(params.get("last"), lsCount) ?? lsCount;
  const [chosen, setChosen] = useState(component ?? components[0] ?? "");
  useEffect(() => setChosen(component ?? components[0] ?? ""), [component]);
  const causes = useStandardCauses();
  const [cause, setCause] = useState("");
  const [note, setNote] = useState("");
  const comment = flagComment(cause, note);
  return (
    <fetcher.Form method="post" className="form-grid" aria-label="Edit a flag">
      <input type="hidden" name="intent" value="editFlag" />
      <input type="hidden" name="dataset" value={flags.dataset} />
      <input type="hidden" name="requestId" value={requestId} />
      <label>Component<select name="component" value={chosen} onChange={(e) => setChosen(e.target.value)}>{components.map((c) => <option key={c}>{c}</option>)}</select></label>
      <label>First LS<input type="number" name="firstLs" min={1} max={lsCount} key={`f${first}`} defaultValue={first} required /></label>
      <label>Last LS<input type="number" name="lastLs" min={1} max={lsCount} key={`l${last}`} defaultValue={last} required /></label>
      <label>Status<select name="status" defaultValue="GOOD">{flagStatuses.map((s) => <option key={s}>{s}</option>)}</select></label>
      <CausePicker component={chosen} causes={causes} onChange={setCause} />
      <label>Comment (BAD needs one)<textarea rows={1} value={note} onChange={(e) => setNote(e.target.value)} /></label>
      <input type="hidden" name="comment" value={comment} />
      {cause ? <span className="muted" data-testid="flag-comment">Comment saved: “{comment}”</span> : null}
      <button type="submit" className="primary" disabled={!requestId || fetcher.state !== "idle"}>Save flag</button>
      {!canEdit ? <span className="muted">Viewers cannot change flags; after sign-off only experts can.</span> : null}
      {fetcher.data && !fetcher.data.ok ? <div role="alert" className="notice error">Refused: {fetcher.data.error}</div> : null}
      {fetcher.data?.ok ? <div role="status" className="notice ok">{fetcher.data.message}</div> : null}
    </fetcher.Form>
  );
}

/** Undo of one version: asks first (saying what goes), then says what happened; an undone version offers no undo. */
export function UndoButton({ id, component, what, undoneBy }: { id: number; component: string; what?: string; undoneBy?: number | null }) {
  const fetcher = useFetcher<ActionResult>();
  const requestId = useRequestId(fetcher.data);
  const [asking, setAsking] = useState(false);
  if (fetcher.data?.ok) return <span role="status" className="notice ok">{fetcher.data.message}</span>;
  if (undoneBy) return <span className="muted">undone by version {undoneBy}</span>;
  if (!asking) return <button type="button" onClick={() => setAsking(true)} aria-label={`Undo version ${id} (${component})`}>Undo</button>;
  return (
    <fetcher.Form method="post" className="inline-fix" aria-label={`Confirm the undo of version ${id}`}>
      <input type="hidden" name="intent" value="undoFlag" />
      <input type="hidden" name="changeId" value={id} />
      <input type="hidden" name="requestId" value={requestId} />
      <span>Undo version {id}{what ? ` (${what})` : ""}? What it replaced comes back.</span>
      <button type="submit" className="primary" disabled={!requestId || fetcher.state !== "idle"}>{fetcher.state !== "idle" ? "Undoing…" : `Yes, undo version ${id}`}</button>
      <button type="button" onClick={() => setAsking(false)}>Keep it</button>
      {fetcher.data && !fetcher.data.ok ? <span role="alert" className="notice error">{fetcher.data.error}</span> : null}
    </fetcher.Form>
  );
}

export function FlagsPanel({ runNumber, lsCount, all, canEdit }: { runNumber: number; lsCount: number; all: DatasetFlags[]; canEdit: boolean }) {
  const [params] = useSearchParams();
  const flags = all.find((f) => f.dataset === params.get("dataset")) ?? all[0];
  if (!flags) return <section className="cert-section wide" aria-label="Flags"><h2>Component flags</h2><p className="empty">No dataset of this run has been opened for certification yet.</p></section>;
  const dsLink = (d: string) => {
    const q = new URLSearchParams(params);
    q.set("dataset", d);
    return `?${q.toString()}#flags`;
  };
  const exportCsv = () =>
    downloadText(toCsv(["run", "dataset", "component", "first_ls", "last_ls", "status", "cause", "comment", "origin", "version"], flags.effective.map((e) => [runNumber, flags.dataset, e.component, e.firstLs, e.lastLs, e.status, e.cause, e.comment, e.origin ? originLabel(e.origin) : "", e.changeId])), `run-${runNumber}-flags.csv`);
  const history = [...flags.history].reverse();
  return (
    <>
      <section className="cert-section wide" id="flags" aria-label="Flags">
        <h2>
          Component flags
          <span role="group" aria-label="Dataset">
            {all.map((f) => (
              <Link key={f.dataset} to={dsLink(f.dataset)} preventScrollReset aria-current={f.dataset === flags.dataset ? "true" : undefined} className={f.dataset === flags.dataset ? "badge info" : "badge idle"}>{f.dataset}</Link>
            ))}
          </span>
          <button type="button" onClick={exportCsv}>Export CSV</button>
        </h2>
        {flags.componentsWithoutStatus.length > 0 ? <p className="notice error">Lumisections without a status in: {flags.componentsWithoutStatus.join(", ")} — sign-off is refused until every lumisection has one.</p> : null}
        <table className="cert" aria-label={`Flags in force for ${flags.dataset}`}>
          <thead><tr><th>Component</th><th className="num">LS</th><th>Status</th><th>Cause</th><th>Comment</th><th>Origin</th><th className="num">Version</th></tr></thead>
          <tbody>
            {flags.effective.map((e) => (
              <tr key={`${e.component}-${e.firstLs}`}>
                <td>{e.component}</td>
                <td className="num">{e.firstLs}–{e.lastLs}</td>
                <td><StatusBadge status={e.status} /></td>
                <td>{e.cause}</td>
                <td>{e.comment}</td>
                <td className="muted nowrap">{originLabel(e.origin)}</td>
                <td className="num">{e.changeId ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>Change a flag</h3>
        <EditForm flags={flags} lsCount={lsCount} canEdit={canEdit} />
      </section>
      <section className="cert-section" aria-label="Flag history">
        <h2>Flag versions ({history.length})</h2>
        {history.length === 0 ? <p className="empty">No flag written yet.</p> : (
          <table className="cert">
            <thead><tr><th className="num">Version</th><th>Component</th><th className="num">LS</th><th>Status</th><th>Comment</th><th>By</th><th>When</th><th /></tr></thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.id}>
                  <td className="num">{h.id}</td>
                  <td>{h.component}</td>
                  <td className="num">{h.firstLs}–{h.lastLs}</td>
                  <td>{h.undoOf !== null ? <span className="badge idle">undo of {h.undoOf}</span> : <StatusBadge status={h.status} />}{h.undoneBy ? <span className="muted"> (undone)</span> : null}</td>
                  <td>{h.comment}</td>
                  <td>{h.createdBy}</td>
                  <td className="muted when">{new Date(h.createdAt).toISOString().slice(0, 19).replace("T", " ")}</td>
                  <td>{h.undoOf === null ? <UndoButton id={h.id} component={h.component} what={`${h.component} LS ${h.firstLs}–${h.lastLs} ${h.status}`} undoneBy={h.undoneBy} /> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="cert-section" aria-label="Coverage">
        <h2>Coverage of {flags.dataset}</h2>
        <table className="cert">
          <thead><tr><th>Component</th><th>Lumisections</th><th className="num">good</th><th className="num">bad</th><th className="num">unknown</th><th>Recorded luminosity</th><th className="num">good</th></tr></thead>
          <tbody>
            {flags.coverage.map((c) => (
              <tr key={c.component}>
                <td>{c.component}</td>
                <td><Bar f={c.lumisections} label={`${c.component} lumisections`} /></td>
                <td className="num">{pct(c.lumisections.good)}</td>
                <td className="num">{pct(c.lumisections.bad)}</td>
                <td className="num">{pct(c.lumisections.unknown)}</td>
                <td><Bar f={c.luminosity} label={`${c.component} luminosity`} /></td>
                <td className="num">{pct(c.luminosity.good)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
