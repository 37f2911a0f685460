/**
 * A run's certification: stage timeline, comparisons with the histogram over its reference,
 * component flags (edit, undo), coverage, sign-off, the audit history, calibration state, and
 * the link to its workflow in the Temporal UI.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator, useRouteError } from "@remix-run/react";
import { TRPCError } from "@trpc/server";
import { stages } from "../../db/tables/dataset.table";
import { runClasses } from "../../db/tables/run.table";
import { hasRole } from "../../server/auth/roles";
import type { RunSheet } from "../../server/overview/run-sheet.query";
import { flagStatuses } from "../../server/certification/flags";
import styles from "../components/certification/certification.css";
import { ComparisonPanel, chosenComparison, comparesWithReference } from "../components/certification/comparison-panel";
import type { FailedStage } from "../components/certification/comparison-retry";
import { PageError } from "../components/page-error";
import { AuditSection } from "../components/run-page/audit-section";
import { LsTimeline, RunLsTimeline } from "../components/run-page/ls-timeline";
import { RunSheetSection } from "../components/run-page/run-sheet";
import { releaseReason } from "../components/run-page/audit-sentence";
import { FileQualityPanel } from "../components/certification/file-quality-panel";
import { FlagsPanel } from "../components/certification/flags-panel";
import { StatusBadge } from "../components/certification/status-badge";
import { SignOffSection } from "../components/certification/signoff-section";
import { StageTimeline } from "../components/certification/stage-timeline";
import { useBoardEvents } from "../components/certification/use-board-events";
import { retryOutcome } from "../../server/certification/comparison-retry-rules";
import { INT4_MAX } from "../../server/limits/limits";
import { type ActionResult, attempt, failed, formString, reply, wholeNumber } from "../lib/action-result";
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

/** A run without certification (e.g. a reference run) still has its page: metadata, links, lumisections. */
function notCertified(err: unknown): null {
  if (err instanceof TRPCError && err.code === "NOT_FOUND") return null;
  throw err;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const runNumber = runParam(params.run);
  const api = serverCaller(context, request);
  const p = new URL(request.url).searchParams;
  try {
    // The sheet exists for any run dqmflow knows (a reference run too); an unknown run is a 404.
    const [sheet, me] = await Promise.all([api.overview.runSheet({ runNumber }), api.health.me()]);
    const detail = await api.certification.run({ runNumber }).catch(notCertified);
    if (!detail) return { certified: false as const, sheet, me };
    const chosen = chosenComparison(detail.comparisons, p);
    const plot = chosen && comparesWithReference(chosen) ? await api.certification.comparisonPlot({ runNumber, dataset: chosen.dataset_name, stage: chosen.stage, mePath: chosen.me_path, referenceRun: chosen.reference_run }) : null;
    return { certified: true as const, detail, me, plot, sheet };
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
    case "retryComparisons": {
      const failedStage = stages.find((s) => s === formString(form, "stage"));
      if (!failedStage) return { ok: false, intent, error: `'${formString(form, "stage")}' is not a stage (${stages.join(", ")})`, status: 400, field: "stage" };
      try {
        const r = await api.certification.retryComparisons({ runNumber, stage: failedStage, reason: formString(form, "reason") });
        // A retry that failed again is an answer, not a refusal: `key` tells the page which.
        return { ok: true, intent, message: retryOutcome(runNumber, r, plainMessage), key: r.status };
      } catch (err) {
        return failed(intent, err);
      }
    }
    case "freeze":
    case "unfreeze":
      return attempt(intent, async () => ((await api.certification.setFrozen({ runNumber, dataset: formString(form, "dataset"), frozen: intent === "freeze" })).frozen ? "dataset frozen" : "dataset unfrozen"));
    case "setReference": {
      const runClass = runClasses.find((c) => c === formString(form, "runClass"));
      if (!runClass) return { ok: false, intent, error: `'${formString(form, "runClass")}' is not a run class (${runClasses.join(", ")})`, status: 400, field: "runClass" };
      const referenceRun = wholeNumber(formString(form, "referenceRun"));
      if (referenceRun === undefined) return { ok: false, intent, error: "the reference run must be a run number", status: 400, field: "referenceRun" };
      return attempt(intent, async () => `run ${(await api.certification.setReference({ runClass, referenceRun })).referenceRun} is now the reference of ${runClass} runs; comparisons from now on use it`);
    }
    default:
      return { ok: false, intent, error: `unknown action '${intent}'`, status: 400, field: "intent" };
  }
}

type Data = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { certified: true }>;

export default function RunPage() {
  const data = useLoaderData<typeof loader>();
  return data.certified ? <CertifiedRun data={data} /> : <UncertifiedRun sheet={data.sheet} canChooseReference={hasRole(data.me.role, "expert")} />;
}

function CertifiedRun({ data }: { data: Data }) {
  const { detail, me, plot, sheet } = data;
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
      {run.lastError ? (
        <p className="notice error" role="note">
          The last comparison failed: {plainMessage(run.lastError)}
          {failedStages(detail).length > 0 ? <> <a href="#comparisons">{hasRole(me.role, "shifter") ? "Retry the comparisons once it is fixed" : "What failed"}</a></> : null}
        </p>
      ) : null}
      {!detail.live ? <p className="notice error" role="note">The run's workflow cannot be queried right now (closed, or the worker is down): stages and sign-off show the last stored state.</p> : null}
      <div className="cert-sections">
        <RunSheetSection sheet={sheet} referenceRun={referenceRunOf(detail.comparisons)} canChooseReference={hasRole(me.role, "expert")} />
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
        <ComparisonPanel runNumber={run.runNumber} comparisons={detail.comparisons} plot={plot} fileQuality={detail.fileQuality} failedStages={failedStages(detail)} canRetry={hasRole(me.role, "shifter")} />
        <FileQualityPanel results={detail.fileQuality} />
        <RunLsTimeline lsCount={run.lsCount} flags={detail.flags} lumisections={sheet.lumisections} />
        <FlagsPanel runNumber={run.runNumber} lsCount={run.lsCount} all={detail.flags} canEdit={hasRole(me.role, "shifter")} />
        <AuditSection audit={detail.audit} />
      </div>
    </>
  );
}

/** Stages whose comparisons could not run and may be retried (not signed off, no retry running). */
function failedStages(detail: Data["detail"]): FailedStage[] {
  return (detail.live?.stages ?? []).flatMap((s) => (s.comparisonError !== null && s.signoff === null && s.status !== "comparing" ? [{ stage: s.stage, error: s.comparisonError }] : []));
}

/** The reference run the comparisons used (the latest stage's), or null. */
function referenceRunOf(comparisons: readonly { reference_run: number | null }[]): number | null {
  return comparisons.reduce<number | null>((ref, c) => c.reference_run ?? ref, null);
}

function UncertifiedRun({ sheet, canChooseReference }: { sheet: RunSheet; canChooseReference: boolean }) {
  return (
    <>
      <h1>Run {sheet.runNumber}</h1>
      <p className="notice" role="note">
        This run is not under certification in dqmflow (for example a reference run, or a run whose DQM files have not arrived): its metadata, links and lumisections are below. <Link to="/certification">Back to the board</Link>
      </p>
      <div className="cert-sections">
        <RunSheetSection sheet={sheet} referenceRun={null} canChooseReference={canChooseReference} />
        <LsTimeline lsCount={sheet.lsCount ?? sheet.lumisections.length} flags={[]} lumisections={sheet.lumisections} dataset={null} />
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <PageError error={useRouteError()} what="This run" back={{ to: "/certification", label: "Back to the certification board" }} />;
}
