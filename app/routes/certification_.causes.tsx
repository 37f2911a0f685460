/**
 * The standard causes of flags per component (issue 14, item 1): what the flag forms offer as a
 * pick list. Experts add, rename (a new entry; the old one is retired so flags keep their text)
 * and retire causes; everyone sees the list and the recent changes, each audited.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { hasRole } from "../../server/auth/roles";
import styles from "../components/certification/certification.css";
import toolStyles from "../components/certification/flag-tools.css";
import { ComponentCauses } from "../components/certification/cause-editor";
import { PageError } from "../components/page-error";
import { type ActionResult, attempt, formString, reply, wholeNumber } from "../lib/action-result";
import { pageFailure } from "../lib/page-errors";
import { serverCaller } from "../trpc.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }, { rel: "stylesheet", href: toolStyles }];
export const meta: MetaFunction = () => [{ title: "dqmflow · standard causes" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const api = serverCaller(context, request);
  try {
    const [causes, me] = await Promise.all([api.certification.causes({ includeRetired: true }), api.health.me()]);
    return { ...causes, me };
  } catch (err) {
    pageFailure(err);
  }
}

export async function action(args: ActionFunctionArgs) {
  return reply(await act(args));
}

async function act({ request, context }: ActionFunctionArgs): Promise<ActionResult> {
  const api = serverCaller(context, request);
  const form = await request.formData();
  const intent = formString(form, "intent");
  const requestId = formString(form, "requestId");
  const cause = formString(form, "cause");
  const id = wholeNumber(formString(form, "id"));
  if (intent !== "addCause" && id === undefined) return { ok: false, intent, error: "id: no cause entry named", status: 400, field: "id" };
  switch (intent) {
    case "addCause":
      return attempt(intent, async () => {
        const r = await api.certification.addCause({ component: formString(form, "component"), cause, requestId });
        return r.repeated ? "this cause was already added" : `added “${cause}” (entry ${r.id})`;
      });
    case "renameCause":
      return attempt(intent, async () => {
        const r = await api.certification.renameCause({ id: id!, cause, requestId });
        return `renamed: “${cause}” is entry ${r.id}; entry ${r.retired} is retired`;
      });
    case "retireCause":
      return attempt(intent, async () => `retired entry ${(await api.certification.retireCause({ id: id!, requestId })).id}`);
    default:
      return { ok: false, intent, error: `unknown action '${intent}'`, status: 400, field: "intent" };
  }
}

const when = (d: string | Date) => new Date(d).toISOString().slice(0, 16).replace("T", " ");

export default function CausesPage() {
  const { components, causes, history, me } = useLoaderData<typeof loader>();
  const canEdit = hasRole(me.role, "expert");
  return (
    <>
      <h1>Standard causes of flags</h1>
      <p className="muted">
        The flag forms (a run’s page, <Link to="/certification/bulk-flag">flagging many runs</Link>) offer these causes per component, and “other” for anything else.
        A chosen cause starts the flag’s comment, so sign-off, Run Registry and the audit all see it. Renaming adds a new entry and retires the old one: flags already written keep their text.
      </p>
      <p><Link to="/certification">Back to the certification board</Link></p>
      {canEdit ? null : <p className="notice" role="note">Only experts change this list; you are signed in as {me.user} ({me.role}).</p>}
      <div className="cause-grid">
        {components.map((c) => <ComponentCauses key={c} component={c} entries={causes.filter((e) => e.component === c)} canEdit={canEdit} />)}
      </div>
      <section className="cert-section" aria-label="Recent changes of the causes">
        <h2>Recent changes</h2>
        {history.length === 0 ? <p className="empty">No change since the list was seeded.</p> : (
          <table className="cert">
            <thead><tr><th>When</th><th>Who</th><th>What</th></tr></thead>
            <tbody>{history.map((h) => <tr key={h.id}><td className="when muted">{when(h.at)}</td><td>{h.actor}</td><td className="wrap">{h.what}</td></tr>)}</tbody>
          </table>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <PageError error={useRouteError()} what="The list of standard causes" back={{ to: "/certification", label: "Back to the certification board" }} />;
}
