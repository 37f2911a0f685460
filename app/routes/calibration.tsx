/**
 * Calibration readiness ("Spy-Agency"): per run, each prompt calibration's status, whether the
 * gate released the run for prompt reconstruction (all done, or the timeout), and the
 * notification to Tier-0. Shifters report a calibration's status here.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData, useRevalidator, useRouteError, useSearchParams } from "@remix-run/react";
import { calibrationStatuses } from "../../server/certification/calibration";
import styles from "../components/certification/certification.css";
import { StatusBadge } from "../components/certification/status-badge";
import { PageError } from "../components/page-error";
import { notificationOutcome, releaseReason } from "../components/run-page/audit-sentence";
import { useBoardEvents } from "../components/certification/use-board-events";
import { type ActionResult, attempt, formString, reply } from "../lib/action-result";
import { toCsv } from "../lib/csv";
import { downloadText } from "../lib/download";
import { serverCaller } from "../trpc.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "dqmflow · calibration" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const p = new URL(request.url).searchParams;
  const released = p.get("released") === "yes" ? true : p.get("released") === "no" ? false : undefined;
  const api = serverCaller(context, request);
  const [board, me] = await Promise.all([api.certification.calibrationBoard({ ...(released !== undefined ? { released } : {}), limit: 200 }), api.health.me()]);
  return { ...board, me };
}

export async function action({ request, context }: ActionFunctionArgs) {
  return reply(await report(request, context));
}

async function report(request: Request, context: ActionFunctionArgs["context"]): Promise<ActionResult> {
  const form = await request.formData();
  const runNumber = Number(formString(form, "run"));
  const status = calibrationStatuses.find((s) => s === formString(form, "status")) ?? "pending";
  const workflow = formString(form, "workflow");
  return attempt("report", async () => {
    await serverCaller(context, request).certification.reportCalibration({ runNumber, workflow, status });
    return `run ${runNumber}: ${workflow} reported ${status}`;
  });
}

function ReportForm({ runs, workflows }: { runs: number[]; workflows: string[] }) {
  const fetcher = useFetcher<ActionResult>();
  return (
    <fetcher.Form method="post" className="form-grid cert-section" aria-label="Report a calibration status">
      <h2>Report a calibration status</h2>
      <label>Run<select name="run" aria-label="Run">{runs.map((r) => <option key={r}>{r}</option>)}</select></label>
      <label>Calibration<select name="workflow" aria-label="Calibration">{workflows.map((w) => <option key={w}>{w}</option>)}</select></label>
      <label>Status<select name="status" aria-label="Status" defaultValue="done">{calibrationStatuses.map((s) => <option key={s}>{s}</option>)}</select></label>
      <button type="submit" className="primary" disabled={fetcher.state !== "idle"}>Report</button>
      <span className="muted">needs the shifter role</span>
      {fetcher.data && !fetcher.data.ok ? <div role="alert" className="notice error">Refused: {fetcher.data.error}</div> : null}
      {fetcher.data?.ok ? <div role="status" className="notice ok">{fetcher.data.message}</div> : null}
    </fetcher.Form>
  );
}

export default function Calibration() {
  const { runs, workflows } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const revalidator = useRevalidator();
  useBoardEvents((events) => {
    if (events.some((e) => e.kind.startsWith("calibration") || e.kind === "notification") && revalidator.state === "idle") revalidator.revalidate();
  });
  const released = runs.filter((r) => r.release);
  const exportCsv = () =>
    downloadText(toCsv(["run", "class", "stage", "status", ...workflows, "released_by", "released_at", "notification"], runs.map((r) => [r.runNumber, r.runClass, r.stage, r.certStatus, ...workflows.map((w) => r.calibrations[w]), r.release?.by, r.release ? new Date(r.release.at) : null, r.notification?.outcome])), "calibration.csv");
  return (
    <>
      <h1>Calibration readiness</h1>
      <Form method="get" className="cert-toolbar" aria-label="Filters">
        <label>
          Released for prompt reco
          <select name="released" defaultValue={params.get("released") ?? ""}>
            <option value="">all runs</option>
            <option value="yes">released</option>
            <option value="no">not released</option>
          </select>
        </label>
        <button type="submit">Apply</button>
        <button type="button" onClick={exportCsv} disabled={runs.length === 0}>Export CSV</button>
      </Form>
      <p className="muted">{released.length} of {runs.length} runs shown are released for prompt reconstruction: all prompt calibrations done, or the gate's timeout released them with the previous conditions.</p>
      {runs.length === 0 ? <p className="empty">No run matches.</p> : (
        <table className="cert" aria-label="Calibration readiness per run">
          <thead>
            <tr><th>Run</th><th>Class</th><th>Certification</th>{workflows.map((w) => <th key={w}>{w}</th>)}<th>Prompt reco</th></tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.runNumber}>
                <th scope="row"><Link to={`/runs/${r.runNumber}`}>{r.runNumber}</Link></th>
                <td>{r.runClass}</td>
                <td>{r.stage} <StatusBadge status={r.certStatus} /></td>
                {workflows.map((w) => <td key={w}><StatusBadge status={r.calibrations[w] ?? "pending"} /></td>)}
                <td>{r.release ? <ReleaseCell by={r.release.by} outcome={r.notification?.outcome ?? null} /> : <span className="muted">not released</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ReportForm runs={runs.filter((r) => !r.release).map((r) => r.runNumber)} workflows={workflows} />
    </>
  );
}

/** Released or not, why, and what Tier-0 was told, in words (never the stored outcome code). */
function ReleaseCell({ by, outcome }: { by: string; outcome: string | null }) {
  return (
    <span className="release-cell">
      <span className="badge ok">released</span> <span>{releaseReason(by)}</span>
      <span className="muted">Tier-0 {outcome === null ? "not told yet" : notificationOutcome(outcome)}</span>
    </span>
  );
}

export function ErrorBoundary() {
  return <PageError error={useRouteError()} what="Calibration readiness" back={{ to: "/", label: "Back to the overview" }} />;
}
