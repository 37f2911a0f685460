/**
 * The certification board: runs × stages with their states, filtered by URL parameters, with
 * sign-off for shifters (a comment, and a confirmation showing what is signed: flags, failed
 * comparisons, blockers with their fix), revoking a sign-off and bulk actions for experts, the
 * runs waiting for a sign-off, a legend of the states, and live updates as workflows move.
 */
import { type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData, useNavigation, useRevalidator, useRouteError, useSearchParams } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { stages } from "../../db/tables/dataset.table";
import { hasRole } from "../../server/auth/roles";
import { MIN_SIGNOFF_COMMENT } from "../../server/certification/flags";
import { runStates } from "../../server/certification/states";
import { progressWord, runStateWords } from "../../server/certification/vocabulary";
import { signoffStatuses } from "../../server/overview/run-progress";
import styles from "../components/certification/certification.css";
import { SignoffSummary } from "../components/certification/signoff-summary";
import { ShiftSummaryPanel, SUMMARY_HOURS } from "../components/certification/shift-summary-panel";
import { StateLegend } from "../components/certification/state-legend";
import { StatusBadge } from "../components/certification/status-badge";
import { type LiveEvent, useBoardEvents } from "../components/certification/use-board-events";
import { type ActionResult, attempt, formString, reply, wholeNumber } from "../lib/action-result";
import { httpError, pageFailure } from "../lib/page-errors";
import { toCsv } from "../lib/csv";
import { downloadText } from "../lib/download";
import { serverCaller } from "../trpc.server";
import { AlarmBanner } from "../components/alarm-banner";
import { PageError } from "../components/page-error";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "dqmflow · certification" }];

const PAGE = 50;
/** How many live changes the board lists, newest first. */
const RECENT_KEPT = 30;
/** A day from the URL (YYYY-MM-DD), absent when empty; a value that is not a real day is a 400 naming it. */
function dateParam(p: URLSearchParams, name: string): Date | undefined {
  const v = p.get(name);
  if (!v) return undefined;
  const d = /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : null;
  if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) httpError(`${name}: '${v.slice(0, 40)}' is not a day (YYYY-MM-DD)`, 400);
  return d;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const p = new URL(request.url).searchParams;
  const api = serverCaller(context, request);
  const stage = stages.find((s) => s === p.get("stage"));
  const state = runStates.find((s) => s === p.get("state"));
  const page = wholeNumber(p.get("page")) ?? 0;
  const to = dateParam(p, "to");
  const from = dateParam(p, "from");
  const filter = {
    ...(stage ? { stage } : {}),
    ...(state ? { state } : {}),
    ...(p.get("class") ? { runClass: p.get("class")! } : {}),
    ...(p.get("status") ? { certStatus: p.get("status")! } : {}),
    ...(p.get("waiting") === "1" ? { waitingForSignoff: true } : {}),
    ...(wholeNumber(p.get("runFrom")) ? { runFrom: wholeNumber(p.get("runFrom")) } : {}),
    ...(wholeNumber(p.get("runTo")) ? { runTo: wholeNumber(p.get("runTo")) } : {}),
    ...(from ? { startedFrom: from } : {}),
    ...(to ? { startedBefore: new Date(to.getTime() + 86_400_000) } : {}),
    limit: PAGE + 1,
    offset: page * PAGE,
  };
  const [rows, facets, me] = await Promise.all([api.certification.board(filter), api.certification.facets(), api.health.me()]).catch(pageFailure);
  // The sign-off being confirmed (`?sign=<run>`): what it signs, read fresh with the board.
  const signing = rows.find((r) => r.runNumber === wholeNumber(p.get("sign")));
  const preview = signing ? await api.certification.signoffPreview({ runNumber: signing.runNumber, stage: signing.stage }).catch(pageFailure) : null;
  const hours = SUMMARY_HOURS.find((h) => String(h) === p.get("summary"));
  const summary = hours ? await api.certification.shiftSummary({ hours }).catch(pageFailure) : null;
  return { rows: rows.slice(0, PAGE), more: rows.length > PAGE, page, facets, me, preview, summary };
}

/** One refusal goes out with its 4xx status; a bulk action is 4xx only when every run was refused. */
export async function action(args: ActionFunctionArgs) {
  const result = await act(args);
  if ("results" in result) {
    const refused = result.results.find((r) => !r.ok);
    return data(result, { status: result.results.every((r) => !r.ok) && refused && !refused.ok ? (refused.status ?? 400) : 200 });
  }
  return reply(result);
}

async function act({ request, context }: ActionFunctionArgs): Promise<ActionResult | { intent: string; results: ActionResult[] }> {
  const api = serverCaller(context, request);
  const form = await request.formData();
  const intent = formString(form, "intent");
  if (intent === "signOff") {
    const runNumber = Number(formString(form, "run"));
    const stage = stages.find((s) => s === formString(form, "stage")) ?? "online";
    return attempt(intent, async () => {
      const r = await api.certification.signOff({ runNumber, stage, comment: formString(form, "comment") });
      return `run ${runNumber}: ${r.stage} signed off; run is ${r.runState}`;
    }, String(runNumber));
  }
  const runs = form.getAll("runs").map(String).filter((r) => /^\d+$/.test(r)).map(Number);
  const stageOf = (run: number) => stages.find((s) => s === formString(form, `stage-${run}`)) ?? "online";
  const results: ActionResult[] = [];
  for (const runNumber of runs) {
    if (intent === "bulkSignOff") {
      results.push(await attempt(intent, async () => `run ${runNumber}: ${(await api.certification.signOff({ runNumber, stage: stageOf(runNumber), comment: formString(form, "comment") })).stage} signed off`, String(runNumber)));
    } else if (intent === "bulkReopen") {
      results.push(await attempt(intent, async () => `run ${runNumber}: ${(await api.certification.reopen({ runNumber, stage: stageOf(runNumber), reason: formString(form, "comment") })).stage} reopened`, String(runNumber)));
    }
  }
  if (runs.length === 0) results.push({ ok: false, intent, error: "select at least one run", status: 400, field: "runs" });
  return { intent, results };
}

function Filters() {
  const { facets } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <Form method="get" className="cert-toolbar" aria-label="Filters">
      <label>
        Run
        <select name="state" defaultValue={params.get("state") ?? ""}>
          <option value="">any</option>
          {runStates.map((s) => <option key={s} value={s}>{runStateWords[s]}</option>)}
        </select>
      </label>
      <label>
        Class
        <select name="class" defaultValue={params.get("class") ?? ""}>
          <option value="">any</option>
          {facets.runClasses.map((c) => <option key={c}>{c}</option>)}
        </select>
      </label>
      <label>
        Stage
        <select name="stage" defaultValue={params.get("stage") ?? ""}>
          <option value="">any</option>
          {stages.map((s) => <option key={s}>{s}</option>)}
        </select>
      </label>
      <label>
        Status
        <select name="status" defaultValue={params.get("status") ?? ""}>
          <option value="">any</option>
          {facets.statuses.map((s) => <option key={s.status} value={s.status}>{`${progressWord(s.status)} (${s.count})`}</option>)}
        </select>
      </label>
      <label>
        Started from
        <input type="date" name="from" defaultValue={params.get("from") ?? ""} />
      </label>
      <label>
        to
        <input type="date" name="to" defaultValue={params.get("to") ?? ""} />
      </label>
      <label>
        Run from
        <input type="number" name="runFrom" min={1} defaultValue={params.get("runFrom") ?? ""} />
      </label>
      <label>
        Run to
        <input type="number" name="runTo" min={1} defaultValue={params.get("runTo") ?? ""} />
      </label>
      <label className="check">
        <input type="checkbox" name="waiting" value="1" defaultChecked={params.get("waiting") === "1"} />
        only runs waiting for a sign-off
      </label>
      <button type="submit" className="primary">Apply filters</button>
      <Link to="/certification">Clear</Link>
    </Form>
  );
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

/** The board's sign-off: what is signed, what blocks it (with its fix), and the comment the run page asks for too. */
function SignOffForm({ row, closeLink }: { row: Row; closeLink: string }) {
  const { preview, me } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<typeof action>();
  const result = fetcher.data && "ok" in fetcher.data ? fetcher.data : null;
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <fetcher.Form method="post" className="signoff-confirm" aria-label={`Sign off run ${row.runNumber}`}>
      <input type="hidden" name="intent" value="signOff" />
      <input type="hidden" name="run" value={row.runNumber} />
      <input type="hidden" name="stage" value={row.stage} />
      {preview && preview.runNumber === row.runNumber ? <SignoffSummary preview={preview} canEdit={hasRole(me.role, "shifter")} /> : <p className="muted">Reading what this sign-off signs…</p>}
      <div className="form-grid">
        <label>
          What you checked (required, at least {MIN_SIGNOFF_COMMENT} characters)
          <textarea ref={ref} name="comment" rows={2} required minLength={MIN_SIGNOFF_COMMENT} />
        </label>
        <button type="submit" className="primary" disabled={fetcher.state !== "idle" || result?.ok === true}>Confirm sign-off of {row.stage}</button>
        <Link to={closeLink} preventScrollReset>{result?.ok ? "Close" : "Cancel"}</Link>
        <Link to={`/runs/${row.runNumber}`}>Open run {row.runNumber}</Link>
      </div>
      {result && !result.ok ? <div role="alert" className="notice error">Refused: {result.error}</div> : null}
      {result?.ok ? <div role="status" className="notice ok">{result.message}</div> : null}
    </fetcher.Form>
  );
}

/** An expert's revoke of a stage's sign-off (the workflow's reopen update, audited), with the reason it needs. */
function RevokeForm({ row, onDone }: { row: Row; onDone: () => void }) {
  const fetcher = useFetcher<typeof action>();
  const results = fetcher.data && "results" in fetcher.data ? fetcher.data.results : [];
  const signed = row.stages.filter((s) => s.state === "SIGNOFF" || s.state === "COMPLETED").map((s) => s.stage);
  return (
    <fetcher.Form method="post" className="form-grid" aria-label={`Revoke a sign-off of run ${row.runNumber}`}>
      <input type="hidden" name="intent" value="bulkReopen" />
      <input type="hidden" name="runs" value={row.runNumber} />
      <label>
        Stage
        <select name={`stage-${row.runNumber}`} defaultValue={signed[signed.length - 1]}>{signed.map((s) => <option key={s}>{s}</option>)}</select>
      </label>
      <label>
        Why revoke (required; written in the audit trail)
        <textarea name="comment" rows={1} required minLength={3} />
      </label>
      <button type="submit" className="danger" disabled={fetcher.state !== "idle"}>Revoke the sign-off</button>
      <button type="button" onClick={onDone}>{results.some((r) => r.ok) ? "Close" : "Cancel"}</button>
      {results.map((r, i) => (r.ok ? <div key={i} role="status" className="notice ok">{r.message.replace("reopened", "sign-off revoked")}</div> : <div key={i} role="alert" className="notice error">Refused: {r.error}</div>))}
    </fetcher.Form>
  );
}

function stageCell(row: Row, stage: string) {
  const d = row.stages.filter((s) => s.stage === stage);
  const revoked = row.revoked.find((v) => v.stage === stage);
  if (d.length === 0) return <span className="muted">—</span>;
  return (
    <>
      {d.map((s) => (
        <div key={s.dataset} title={s.dataset}>
          <StatusBadge status={s.state} />
          {s.frozen ? <span className="muted"> (frozen)</span> : null}
        </div>
      ))}
      {revoked ? <div className="muted revoked" title={revoked.reason}>sign-off revoked by {revoked.by}</div> : null}
    </>
  );
}

function exportCsv(rows: Row[]) {
  downloadText(
    toCsv(
      ["run", "class", "state", "stage", "status", "started", "online", "express", "prompt", "reprocessing", "last error"],
      rows.map((r) => [r.runNumber, r.runClass, r.state, r.stage, r.certStatus, r.startTime ?? "", ...stages.map((s) => r.stages.filter((d) => d.stage === s).map((d) => d.state).join(" ")), r.lastError ?? ""]),
    ),
    "certification-board.csv",
  );
}

function BulkBar({ selected, rows }: { selected: Set<number>; rows: Row[] }) {
  const fetcher = useFetcher<typeof action>();
  const results = fetcher.data && "results" in fetcher.data ? fetcher.data.results : [];
  return (
    <fetcher.Form method="post" className="cert-section" aria-label="Bulk actions">
      <h2>Bulk actions <span className="muted">({selected.size} selected)</span></h2>
      {[...selected].map((run) => (
        <span key={run}>
          <input type="hidden" name="runs" value={run} />
          <input type="hidden" name={`stage-${run}`} value={rows.find((r) => r.runNumber === run)?.stage ?? "online"} />
        </span>
      ))}
      <div className="form-grid">
        <label>
          Comment or reason
          <textarea name="comment" rows={1} />
        </label>
        <button type="submit" name="intent" value="bulkSignOff" disabled={selected.size === 0 || fetcher.state !== "idle"}>Sign off current stage</button>
        <button type="submit" name="intent" value="bulkReopen" disabled={selected.size === 0 || fetcher.state !== "idle"}>Reopen current stage</button>
      </div>
      {results.length > 0 ? (
        <ul aria-label="Bulk results">
          {results.map((r, i) => (
            <li key={i} className={r.ok ? "" : "muted"}>{r.ok ? `✔ ${r.message}` : `✘ run ${r.key ?? ""}: ${r.error}`}</li>
          ))}
        </ul>
      ) : null}
    </fetcher.Form>
  );
}

export default function CertificationBoard() {
  const { rows, more, page, me, summary } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const [revoking, setRevoking] = useState<number | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [flash, setFlash] = useState<Set<number>>(new Set());
  const [recent, setRecent] = useState<LiveEvent[]>([]);
  const pendingRefresh = useRef(false);
  const expert = hasRole(me.role, "expert");

  const runFrom = wholeNumber(params.get("runFrom"));
  const runTo = wholeNumber(params.get("runTo"));
  const onEvents = useCallback(
    (events: LiveEvent[]) => {
      // Changes of runs outside the board's run range cannot change what it shows.
      const inView = events.filter((e) => (runFrom === undefined || e.runNumber >= runFrom) && (runTo === undefined || e.runNumber <= runTo));
      if (inView.length === 0) return;
      setRecent((prev) => [...inView].reverse().concat(prev).slice(0, RECENT_KEPT));
      setFlash(new Set(inView.map((e) => e.runNumber)));
      pendingRefresh.current = true;
    },
    [runFrom, runTo],
  );
  const live = useBoardEvents(onEvents);
  useEffect(() => {
    const id = setInterval(() => {
      if (pendingRefresh.current && revalidator.state === "idle") {
        pendingRefresh.current = false;
        revalidator.revalidate();
      }
    }, 500);
    return () => clearInterval(id);
  }, [revalidator]);

  const pageLink = (n: number) => {
    const q = new URLSearchParams(params);
    if (n === 0) q.delete("page");
    else q.set("page", String(n));
    return `?${q.toString()}`;
  };
  const signing = wholeNumber(params.get("sign")) ?? null;
  const signLink = (run: number | null) => {
    const q = new URLSearchParams(params);
    if (run === null) q.delete("sign");
    else q.set("sign", String(run));
    return `?${q.toString()}`;
  };
  const toggle = (run: number) => setSelected((s) => {
    const next = new Set(s);
    if (next.has(run)) next.delete(run);
    else next.add(run);
    return next;
  });

  return (
    <>
      <h1>Certification</h1>
      <AlarmBanner />
      <div className="cert-toolbar">
        <span className="cert-live" data-state={live} data-testid="live-state" aria-live="polite">
          <span className="dot" aria-hidden="true" /> {live === "live" ? "live updates on" : live === "connecting" ? "connecting…" : "live updates interrupted, retrying"}
        </span>
        <button type="button" onClick={() => exportCsv(rows)} disabled={rows.length === 0}>Export CSV</button>
        <Link to="/certification/bulk-flag" className="button">Flag many runs</Link> <Link to="/certification/causes" className="button">Standard causes</Link>
        {navigation.state === "loading" ? <span className="muted" role="status">Loading…</span> : null}
      </div>
      <Filters />
      {expert ? <BulkBar selected={selected} rows={rows} /> : null}
      {rows.length === 0 ? (
        <p className="empty">No run under certification matches these filters. <Link to="/certification">Clear the filters</Link></p>
      ) : (
        <div className="table-scroll">
        <table className="cert" aria-label="Certification board">
          <thead>
            <tr>
              {expert ? <th scope="col" className="sticky-col select-col"><span className="muted">select</span></th> : null}
              <th scope="col" className={expert ? "sticky-col after-select" : "sticky-col"}>Run</th>
              <th scope="col">Now</th>
              <th scope="col"><span className="muted">actions</span></th>
              {stages.map((s) => <th key={s} scope="col">{s}</th>)}
              <th scope="col" className="optional">Class</th>
              <th scope="col" className="optional">Started</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <RowView
                key={r.runNumber}
                r={r}
                expert={expert}
                flash={flash.has(r.runNumber)}
                selected={selected.has(r.runNumber)}
                onToggle={() => toggle(r.runNumber)}
                signing={signing === r.runNumber}
                signLink={signLink(signing === r.runNumber ? null : r.runNumber)}
                closeLink={signLink(null)}
                revoking={revoking === r.runNumber}
                onRevoke={() => setRevoking(revoking === r.runNumber ? null : r.runNumber)}
              />
            ))}
          </tbody>
        </table>
        </div>
      )}
      <nav className="pager" aria-label="Pages">
        {page > 0 ? <Link to={pageLink(page - 1)}>← newer runs</Link> : null}
        <span className="muted">page {page + 1}</span>
        {more ? <Link to={pageLink(page + 1)}>older runs →</Link> : null}
      </nav>
      <StateLegend />
      <ShiftSummaryPanel summary={summary} />
      <section className="cert-section" aria-label="Recent changes">
        <h2>Recent changes{runFrom !== undefined && runFrom === runTo ? ` of run ${runFrom}` : runFrom !== undefined || runTo !== undefined ? ` of runs ${runFrom ?? "…"}–${runTo ?? "…"}` : ""}</h2>
        {recent.length === 0 ? <p className="muted">Changes appear here as workflows move.</p> : (
          <ul data-testid="recent-changes">
            {recent.map((e) => (
              <li key={e.id}>
                <Link to={`/runs/${e.runNumber}`}>run {e.runNumber}</Link>: {e.kind} by {e.actor}{e.reason ? ` — ${e.reason}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

interface RowProps {
  r: Row;
  expert: boolean;
  flash: boolean;
  selected: boolean;
  onToggle: () => void;
  signing: boolean;
  signLink: string;
  closeLink: string;
  revoking: boolean;
  onRevoke: () => void;
}

/** One run: its status now and its actions first, so they stay in view on a narrow screen; then its stages. */
function RowView({ r, expert, flash, selected, onToggle, signing, signLink, closeLink, revoking, onRevoke }: RowProps) {
  const cols = 5 + stages.length + (expert ? 1 : 0);
  const signed = r.stages.some((s) => s.state === "SIGNOFF" || s.state === "COMPLETED");
  return (
    <>
      <tr className={flash ? "flash" : ""} data-run={r.runNumber}>
        {expert ? (
          <td className="sticky-col select-col"><input type="checkbox" checked={selected} onChange={onToggle} aria-label={`Select run ${r.runNumber}`} /></td>
        ) : null}
        <th scope="row" className={expert ? "sticky-col after-select" : "sticky-col"}><Link to={`/runs/${r.runNumber}`}>{r.runNumber}</Link></th>
        <td data-testid={`status-${r.runNumber}`}>
          <span className="muted">{r.stage}</span> <StatusBadge status={r.certStatus} />
          {r.lastError ? <div className="muted cert-error" title={r.lastError}>⚠ {r.lastError.slice(0, 80)}</div> : null}
        </td>
        <td>
          <div className="actions">
            {signoffStatuses.includes(r.certStatus) ? (
              <Link to={signLink} preventScrollReset className="button primary" role="button" aria-expanded={signing}>Sign off {r.stage}</Link>
            ) : null}
            {/* A revoked stage behind the current one is signed again on the run page, where its blockers are. */}
            {r.revoked.filter((v) => v.stage !== r.stage).map((v) => <Link key={v.stage} to={`/runs/${r.runNumber}`} className="button">Sign off {v.stage} again</Link>)}
            {expert && signed ? <button type="button" onClick={onRevoke} aria-expanded={revoking}>Revoke sign-off</button> : null}
          </div>
        </td>
        {stages.map((s) => <td key={s} data-testid={`stage-${r.runNumber}-${s}`}>{stageCell(r, s)}</td>)}
        <td className="optional">{r.runClass}</td>
        <td className="muted when optional">{r.startTime ? new Date(r.startTime).toISOString().slice(0, 16).replace("T", " ") : "—"}</td>
      </tr>
      {signing ? (
        <tr className="signoff-row">
          <td colSpan={cols}><SignOffForm row={r} closeLink={closeLink} /></td>
        </tr>
      ) : null}
      {revoking ? (
        <tr className="signoff-row">
          <td colSpan={cols}><RevokeForm row={r} onDone={onRevoke} /></td>
        </tr>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <PageError error={useRouteError()} what="The certification board" back={{ to: "/certification", label: "Back to the board without filters" }} />;
}
