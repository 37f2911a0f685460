/**
 * Bulk flagging (issue 14, item 1): one component, status, lumisection range (or all) and cause
 * over a list or range of runs. The form lives in the URL; its preview lists the runs and
 * lumisections to flag and the runs skipped with why; the write is one transaction through the
 * run page's flag path, and a resubmit writes nothing twice.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { TRPCError } from "@trpc/server";
import { stages } from "../../db/tables/dataset.table";
import { hasRole } from "../../server/auth/roles";
import type { BulkFlagRequest } from "../../server/certification/bulk-flags";
import { flagStatuses } from "../../server/certification/flags";
import styles from "../components/certification/certification.css";
import toolStyles from "../components/certification/flag-tools.css";
import { type BulkFormValues, BulkFlagForm, BulkPreview } from "../components/certification/bulk-flag-form";
import { PageError } from "../components/page-error";
import { attempt, failed, formString, reply, wholeNumber } from "../lib/action-result";
import { pageFailure } from "../lib/page-errors";
import { serverCaller } from "../trpc.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }, { rel: "stylesheet", href: toolStyles }];
export const meta: MetaFunction = () => [{ title: "dqmflow · flag many runs" }];

function valuesOf(get: (name: string) => string, components: readonly string[]): BulkFormValues {
  return {
    component: get("component") || components[0] || "",
    status: get("status") || "BAD",
    stage: get("stage") || "online",
    ls: get("ls") === "range" ? "range" : "all",
    first: get("first"),
    last: get("last"),
    cause: get("cause"),
    note: get("note"),
    runs: get("runs"),
  };
}

type Refusal = { message: string; field: string };

/** The API's request from the form's values, or what is wrong with them (field named). */
function requestOf(v: BulkFormValues): BulkFlagRequest | Refusal {
  const status = flagStatuses.find((s) => s === v.status);
  if (!status) return { message: `'${v.status}' is not a flag status (${flagStatuses.join(", ")})`, field: "status" };
  const stage = stages.find((s) => s === v.stage);
  if (!stage) return { message: `'${v.stage}' is not a stage (${stages.join(", ")})`, field: "stage" };
  let firstLs: number | null = null;
  let lastLs: number | null = null;
  if (v.ls === "range") {
    firstLs = wholeNumber(v.first) ?? null;
    lastLs = wholeNumber(v.last) ?? null;
    if (firstLs === null || firstLs < 1) return { message: `first LS: '${v.first}' is not a lumisection number (1 or more)`, field: "firstLs" };
    if (lastLs === null || lastLs < 1) return { message: `last LS: '${v.last}' is not a lumisection number (1 or more)`, field: "lastLs" };
  }
  return { component: v.component, status, stage, firstLs, lastLs, cause: v.cause, comment: v.note, runs: v.runs };
}

/** A refusal's field as the form names it (the API's zod path or the domain message's prefix). */
function refusalOf(err: unknown): Refusal {
  const r = failed("preview", err);
  const message = r.ok ? "" : r.error;
  const field = (!r.ok && r.field) || /^(runs|comment|firstLs|lastLs|component|cause): /.exec(message)?.[1] || "";
  return { message, field };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const p = new URL(request.url).searchParams;
  const api = serverCaller(context, request);
  try {
    const [{ components, causes }, me] = await Promise.all([api.certification.causes({ includeRetired: false }), api.health.me()]);
    const values = valuesOf((n) => (p.get(n) ?? "").trim(), components);
    if (!values.runs) return { values, components, causes, me, plan: null, error: null };
    const req = requestOf(values);
    if ("message" in req) return { values, components, causes, me, plan: null, error: req };
    try {
      return { values, components, causes, me, plan: await api.certification.bulkFlagPreview(req), error: null };
    } catch (err) {
      if (err instanceof TRPCError && (err.code === "BAD_REQUEST" || err.code === "PRECONDITION_FAILED" || err.code === "NOT_FOUND")) return { values, components, causes, me, plan: null, error: refusalOf(err) };
      throw err;
    }
  } catch (err) {
    pageFailure(err);
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const intent = formString(form, "intent");
  if (intent !== "bulkFlag") return reply({ ok: false, intent, error: `unknown action '${intent}'`, status: 400, field: "intent" });
  const req = requestOf(valuesOf((n) => formString(form, n), []));
  if ("message" in req) return reply({ ok: false, intent, error: req.message, status: 400, field: req.field });
  return reply(
    await attempt(intent, async (): Promise<string> => {
      const r = await serverCaller(context, request).certification.bulkFlag({ ...req, requestId: formString(form, "requestId") });
      const runs = r.written.map((w) => w.runNumber).join(", ");
      if (r.repeated) return `this bulk flag was already written (${r.written.length} flags, runs ${runs}); nothing was written twice`;
      return `wrote ${r.written.length} flag${r.written.length === 1 ? "" : "s"} (runs ${runs})${r.skipped.length ? `; ${r.skipped.length} runs skipped` : ""}`;
    }),
  );
}

export default function BulkFlagPage() {
  const { values, components, causes, me, plan, error } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Flag many runs at once</h1>
      <p className="muted">
        One component, status and lumisection range for a list of runs. The preview shows what would be written and which runs are skipped (unknown, signed off, too few lumisections); the write is all or nothing.
        Causes come from the <Link to="/certification/causes">standard list</Link>.
      </p>
      <p><Link to="/certification">Back to the certification board</Link></p>
      <BulkFlagForm values={values} components={components} causes={causes} error={error} />
      {plan ? <BulkPreview plan={plan} values={values} canWrite={hasRole(me.role, "shifter")} /> : null}
    </>
  );
}

export function ErrorBoundary() {
  return <PageError error={useRouteError()} what="Bulk flagging" back={{ to: "/certification/bulk-flag", label: "Start the bulk flag again" }} />;
}
