/**
 * The bulk flag's form (a GET form: what it asks for stays in the URL and is previewed there) and
 * the preview: which runs get which lumisections, which are skipped and why, and the button that
 * writes exactly that, once.
 */
import { Form, Link, useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { stages } from "../../../db/tables/dataset.table";
import type { BulkPlan } from "../../../server/certification/bulk-flags";
import { MAX_BULK_RUNS } from "../../../server/certification/bulk-run-list";
import { flagStatuses } from "../../../server/certification/flags";
import type { ActionResult } from "../../lib/action-result";
import { type CauseOption, CausePicker } from "./cause-picker";

/** The form's values as the URL carries them (strings, as typed). */
export interface BulkFormValues {
  component: string;
  status: string;
  stage: string;
  ls: "all" | "range";
  first: string;
  last: string;
  cause: string;
  note: string;
  runs: string;
}

/** The GET form sends the picker's hidden `cause` itself. */
const ignore = () => undefined;

export function BulkFlagForm({ values, components, causes, error }: { values: BulkFormValues; components: readonly string[]; causes: readonly CauseOption[]; error: { message: string; field?: string } | null }) {
  const [component, setComponent] = useState(values.component);
  const [ls, setLs] = useState(values.ls);
  useEffect(() => setComponent(values.component), [values.component]);
  useEffect(() => setLs(values.ls), [values.ls]);
  const fieldError = (name: string) => (error?.field === name ? <span className="field-error" role="alert">{error.message}</span> : null);
  return (
    <Form method="get" className="cert-section bulk-form" aria-label="Bulk flag">
      <h2>What to flag</h2>
      <div className="form-grid">
        <label>Component<select name="component" value={component} onChange={(e) => setComponent(e.target.value)}>{components.map((c) => <option key={c}>{c}</option>)}</select></label>
        <label>Status<select name="status" defaultValue={values.status} key={`s${values.status}`}>{flagStatuses.map((s) => <option key={s}>{s}</option>)}</select></label>
        <label>Stage (its dataset is flagged)<select name="stage" defaultValue={values.stage} key={`g${values.stage}`}>{stages.map((s) => <option key={s}>{s}</option>)}</select></label>
      </div>
      <fieldset className="bulk-ls">
        <legend>Lumisections</legend>
        <label className="inline"><input type="radio" name="ls" value="all" checked={ls === "all"} onChange={() => setLs("all")} /> all of each run</label>
        <label className="inline"><input type="radio" name="ls" value="range" checked={ls === "range"} onChange={() => setLs("range")} /> a range:</label>
        <label>First LS<input type="number" name="first" min={1} defaultValue={values.first} key={`f${values.first}`} disabled={ls !== "range"} required={ls === "range"} /></label>
        <label>Last LS<input type="number" name="last" min={1} defaultValue={values.last} key={`l${values.last}`} disabled={ls !== "range"} required={ls === "range"} /></label>
        {fieldError("firstLs") ?? fieldError("lastLs")}
      </fieldset>
      <div className="form-grid">
        <CausePicker component={component} causes={causes} initial={values.cause} onChange={ignore} />
        <label className="grow">Comment (BAD needs a cause or a comment)<textarea name="note" rows={1} defaultValue={values.note} key={`n${values.note}`} /></label>
        {fieldError("comment")}
      </div>
      <label className="bulk-runs">
        <span>Runs — numbers and ranges, e.g. <code>357001-357010, 357015 357020</code> (at most {MAX_BULK_RUNS})</span>
        <textarea name="runs" rows={2} defaultValue={values.runs} key={`r${values.runs}`} required />
      </label>
      {fieldError("runs")}
      {error && !["runs", "comment", "firstLs", "lastLs"].includes(error.field ?? "") ? <div role="alert" className="notice error">Cannot preview: {error.message}</div> : null}
      <p><button type="submit" className="primary">Preview</button> <span className="muted">Nothing is written until you confirm the preview.</span></p>
    </Form>
  );
}

function WriteButton({ plan, values, canWrite }: { plan: BulkPlan; values: BulkFormValues; canWrite: boolean }) {
  const fetcher = useFetcher<ActionResult>();
  const [requestId, setRequestId] = useState("");
  // A new id for each preview: a double click or a resubmit of this one writes nothing twice.
  useEffect(() => setRequestId(`ui-${crypto.randomUUID()}`), [values]);
  const n = plan.targets.length;
  if (fetcher.data?.ok) return <p role="status" className="notice ok">{fetcher.data.message} <Link to="/certification">Back to the board</Link></p>;
  return (
    <fetcher.Form method="post" aria-label="Write the bulk flag" className="bulk-write">
      <input type="hidden" name="intent" value="bulkFlag" />
      <input type="hidden" name="requestId" value={requestId} />
      {(Object.entries(values) as [string, string][]).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
      <button type="submit" className="primary" disabled={!canWrite || n === 0 || !requestId || fetcher.state !== "idle"}>
        {fetcher.state !== "idle" ? "Writing…" : `Write ${n} flag${n === 1 ? "" : "s"}`}
      </button>{" "}
      {!canWrite ? <span className="muted">Viewers cannot flag: choose the shifter or expert role.</span> : n === 0 ? <span className="muted">Every run is skipped: nothing to write.</span> : <span className="muted">All or nothing, in one go.</span>}
      {fetcher.data && !fetcher.data.ok ? <div role="alert" className="notice error">Refused, nothing was written: {fetcher.data.error}</div> : null}
    </fetcher.Form>
  );
}

export function BulkPreview({ plan, values, canWrite }: { plan: BulkPlan; values: BulkFormValues; canWrite: boolean }) {
  const range = values.ls === "all" ? "all lumisections" : `LS ${values.first}–${values.last}`;
  return (
    <section className="cert-section" aria-label="Preview">
      <h2>Preview: {plan.targets.length} of {plan.runs.length} runs get a flag{plan.skipped.length ? `, ${plan.skipped.length} skipped` : ""}</h2>
      <p>
        <strong>{plan.component}</strong> <span className={`badge ${plan.status === "GOOD" ? "ok" : plan.status === "BAD" ? "err" : "idle"}`}>{plan.status}</span> on {range} of each run’s {values.stage} dataset,
        comment {plan.comment ? <strong>“{plan.comment}”</strong> : <span className="muted">(none)</span>}.
      </p>
      <WriteButton plan={plan} values={values} canWrite={canWrite} />
      {plan.targets.length > 0 ? (
        <table className="cert" aria-label="Runs to flag">
          <thead><tr><th className="num">Run</th><th>Dataset</th><th className="num">LS flagged</th><th className="num">LS in run</th></tr></thead>
          <tbody>
            {plan.targets.map((t) => (
              <tr key={t.runNumber}><td className="num"><Link to={`/runs/${t.runNumber}`}>{t.runNumber}</Link></td><td>{t.dataset}</td><td className="num">{t.firstLs}–{t.lastLs}</td><td className="num">{t.lsCount}</td></tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {plan.skipped.length > 0 ? (
        <>
          <h3>Skipped ({plan.skipped.length})</h3>
          <table className="cert" aria-label="Runs skipped">
            <thead><tr><th className="num">Run</th><th>Why</th></tr></thead>
            <tbody>{plan.skipped.map((s) => <tr key={s.runNumber}><td className="num">{s.runNumber}</td><td>{s.reason}</td></tr>)}</tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
