/**
 * A run's certification: stage timeline, comparisons with the histogram over its reference,
 * component flags (edit, undo), coverage, sign-off, the audit history, calibration state, and
 * the link to its workflow in the Temporal UI.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData, useRevalidator, useRouteError } from "@remix-run/react";
import { stages } from "../../db/tables/dataset.table";
import { hasRole } from "../../server/auth/roles";
import { flagStatuses } from "../../server/certification/flags";
import styles from "../components/certification/certification.css";
import { ComparisonPanel, chosenComparison, comparesWithReference } from "../components/certification/comparison-panel";
import { PageError } from "../components/page-error";
import { AuditSection } from "../components/run-page/audit-section";
import { releaseReason } from "../components/run-page/audit-sentence";
import { FileQualityPanel } from "../components/certification/file-quality-panel";
import { FlagsPanel } from "../components/certification/flags-panel";
import { StatusBadge } from "../components/certification/status-badge";
import { StageTimeline } from "../components/certification/stage-timeline";
import { useBoardEvents } from "../components/certification/use-board-events";
import { INT4_MAX } from "../../server/limits/limits";
import { type ActionResult, attempt, formString, reply, wholeNumber } from "../lib/action-result";
import { httpError, pageFailure } from "../lib/page-errors";
import { plainMessage } from "../lib/plain-message";
import { serverCaller } from "../trpc.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ params }) => [{ title: `dqmflow · run ${params.run ?? ""}` }];

/** A run number from the URL: not digits is a malformed request; a number no run can have does not exist. */
function runParam(raw: string | undefined): number {
  const n = wholeNumber(raw) ?? httpError(`'${raw ?? ""}' is not a run number`, 400);
  return n >= 1 && n <= INT4_MAX ? n : httpError(`there is no run ${raw ?? ""} (run numbers are 1 to ${INT4_MAX})`, 404);
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const runNumber = runParam(params.run);
  const api = serverCaller(context, request);
  const p = new URL(request.url).searchParams;
  try {
    const [detail, me] = await Promise.all([api.certification.run({ runNumber }), api.health.me()]);
    const chosen = chosenComparison(detail.comparisons, p);
    const plot = chosen && comparesWithReference(chosen) ? await api.certification.comparisonPlot({ runNumber, dataset: chosen.dataset_name, stage: chosen.stage, mePath: chosen.me_path, referenceRun: chosen.reference_run }) : null;
    return { detail, me, plot };
  } catch (err) {
    pageFailure(err);
  }
}

/** Refusals go out as 4xx with their message and field. */
export async function action(args: ActionFunctionArgs) {
  return reply(await act(args));
}

async function act({ request, context, params }: ActionFunctionArgs): Promise<ActionResult> {
  const runNumber = runParam(params.run);
  const api = serverCaller(context, request);
  const form = await request.formData();
  const intent = formString(form, "intent");
  const stage = stages.find((s) => s === formString(form, "stage")) ?? "online";
  switch (intent) {
    case "editFlag": {
      const status = flagStatuses.find((s) => s === formString(form, "status")) ?? "NOTSET";
      return attempt(intent, async () => {
        const r = await api.certification.editFlag({ runNumber, dataset: formString(form, "dataset"), component: formString(form, "component"), firstLs: Number(formString(form, "firstLs")), lastLs: Number(formString(form, "lastLs")), status, cause: formString(form, "cause"), comment: formString(form, "comment"), requestId: formString(form, "requestId") });
        return r.repeated ? "this edit was already saved" : `flag saved as version ${r.changeId ?? ""}`;
      });
    }
    case "undoFlag":
      return attempt(intent, async () => {
        const r = await api.certification.undoFlag({ runNumber, changeId: Number(formString(form, "changeId")), requestId: formString(form, "requestId") });
        return `undone as version ${r.changeId ?? ""}`;
      });
    case "signOff":
      return attempt(intent, async () => {
        const r = await api.certification.signOff({ runNumber, stage, comment: formString(form, "comment") });
        return `${r.stage} signed off; run is ${r.runState}`;
      });
    case "reopen":
      return attempt(intent, async () => `${(await api.certification.reopen({ runNumber, stage, reason: formString(form, "comment") })).stage} reopened`);
    case "freeze":
    case "unfreeze":
      return attempt(intent, async () => ((await api.certification.setFrozen({ runNumber, dataset: formString(form, "dataset"), frozen: intent === "freeze" })).frozen ? "dataset frozen" : "dataset unfrozen"));
    default:
      return { ok: false, intent, error: `unknown action '${intent}'`, status: 400, field: "intent" };
  }
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function StageAction({ intent, stage, label, needs }: { intent: "signOff" | "reopen"; stage: string; label: string; needs: string }) {
  const fetcher = useFetcher<ActionResult>();
  return (
    <fetcher.Form method="post" className="form-grid" aria-label={`${label} ${stage}`}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="stage" value={stage} />
      <label>{intent === "signOff" ? `Comment for the ${stage} sign-off` : `Reason to reopen ${stage}`}<textarea name="comment" rows={1} /></label>
      <button type="submit" className={intent === "signOff" ? "primary" : ""} disabled={fetcher.state !== "idle"}>{label} {stage}</button>
      <span className="muted">needs {needs}</span>
      {fetcher.data && !fetcher.data.ok ? <div role="alert" className="notice error">Refused: {fetcher.data.error}</div> : null}
      {fetcher.data?.ok ? <div role="status" className="notice ok">{fetcher.data.message}</div> : null}
    </fetcher.Form>
  );
}

function FreezeButton({ dataset, frozen }: { dataset: string; frozen: boolean }) {
  const fetcher = useFetcher<ActionResult>();
  return (
    <fetcher.Form method="post" style={{ display: "inline" }}>
      <input type="hidden" name="dataset" value={dataset} />
      <button type="submit" name="intent" value={frozen ? "unfreeze" : "freeze"}>{frozen ? "Unfreeze" : "Freeze"} {dataset}</button>
      {fetcher.data && !fetcher.data.ok ? <span role="alert" className="notice error">{fetcher.data.error}</span> : null}
    </fetcher.Form>
  );
}

function SignOffSection({ detail, role }: { detail: Data["detail"]; role: Data["me"]["role"] }) {
  const awaiting = detail.live?.awaitingSignoff ?? [];
  const signed = detail.live?.stages.filter((s) => s.signoff) ?? [];
  const globals = detail.datasets.filter((d) => d.workspace === "global");
  return (
    <section className="cert-section" aria-label="Sign-off">
      <h2>Sign-off</h2>
      {awaiting.length === 0 ? <p className="muted">No stage is waiting for a sign-off.</p> : awaiting.map((s) => <StageAction key={s} intent="signOff" stage={s} label="Sign off" needs="the shifter role" />)}
      {detail.missingSignoffs.length > 0 ? <p className="muted">Sign-offs still missing: {detail.missingSignoffs.map((m) => `${m.stage} (${m.dataset})`).join(", ")}</p> : null}
      {hasRole(role, "expert") ? (
        <>
          <h3>Expert</h3>
          {signed.map((s) => <StageAction key={s.stage} intent="reopen" stage={s.stage} label="Reopen" needs="the expert role" />)}
          <div className="form-grid">{globals.map((d) => <FreezeButton key={d.dataset_name} dataset={d.dataset_name} frozen={d.frozen} />)}</div>
        </>
      ) : null}
    </section>
  );
}

export default function RunPage() {
  const { detail, me, plot } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const run = detail.run;
  const live = useBoardEvents((events) => {
    if (events.some((e) => e.runNumber === run.runNumber) && revalidator.state === "idle") revalidator.revalidate();
  });
  const calibration = detail.live?.calibration ?? Object.fromEntries(detail.calibration.map((c) => [c.workflow, c.status]));
  return (
    <>
      <h1>Run {run.runNumber}</h1>
      <p className="cert-toolbar">
        <span>{run.runClass} · {run.lsCount} lumisections</span>
        <StatusBadge status={run.state} /> <span>stage {run.stage}</span> <StatusBadge status={run.certStatus} />
        <a href={detail.temporalUrl} target="_blank" rel="noreferrer">Workflow in the Temporal UI</a>
        <Link to="/certification">Back to the board</Link>
        <span className="cert-live" data-state={live}><span className="dot" aria-hidden="true" /> {live === "live" ? "live" : live}</span>
      </p>
      {run.lastError ? <p className="notice error" role="note">The last comparison failed: {plainMessage(run.lastError)}</p> : null}
      {!detail.live ? <p className="notice error" role="note">The run's workflow cannot be queried right now (closed, or the worker is down): stages and sign-off show the last stored state.</p> : null}
      <div className="cert-sections">
        <StageTimeline detail={detail} />
        <SignOffSection detail={detail} role={me.role} />
        <section className="cert-section" aria-label="Calibration">
          <h2>Prompt calibrations {detail.live?.calibrationReleasedBy ? <span className="badge ok">released for prompt</span> : null}</h2>
          {detail.live?.calibrationReleasedBy ? <p className="muted">Released because {releaseReason(detail.live.calibrationReleasedBy)}.</p> : null}
          {Object.keys(calibration).length === 0 ? <p className="muted">No calibration reported.</p> : (
            <ul>{Object.entries(calibration).map(([w, s]) => <li key={w}>{w}: <StatusBadge status={String(s)} /></li>)}</ul>
          )}
          <Link to="/calibration">All runs' calibrations</Link>
        </section>
        <ComparisonPanel runNumber={run.runNumber} comparisons={detail.comparisons} plot={plot} />
        <FileQualityPanel results={detail.fileQuality} />
        <FlagsPanel runNumber={run.runNumber} lsCount={run.lsCount} all={detail.flags} canEdit={hasRole(me.role, "shifter")} />
        <AuditSection audit={detail.audit} />
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <PageError error={useRouteError()} what="This run" back={{ to: "/certification", label: "Back to the certification board" }} />;
}
