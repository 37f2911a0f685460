/**
 * Golden JSONs: rule sets (JSON-logic, versioned, lockable), computing a JSON on Temporal with
 * its progress, and the stored results (JSON, anti-JSON, luminosity, loss per sub-rule, tags).
 */
import { type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, isRouteErrorResponse, useActionData, useFetcher, useLoaderData, useNavigate, useNavigation, useRevalidator, useRouteError, useSearchParams } from "@remix-run/react";
import { TRPCError } from "@trpc/server";
import { useEffect } from "react";
import { hasRole } from "../../server/auth/roles";
import styles from "../components/certification/certification.css";
import { GoldenJsonView } from "../components/certification/golden-json-view";
import { type ActionResult, attempt, failed, formString, reply, wholeNumber } from "../lib/action-result";
import { pageFailure } from "../lib/page-errors";
import { toCsv } from "../lib/csv";
import { downloadText } from "../lib/download";
import { serverCaller } from "../trpc.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "dqmflow · golden JSON" }];

/** What an id or request names, or null when it names nothing (unknown, or a value no id can have). */
async function orNull<T>(work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "BAD_REQUEST")) return null;
    throw err;
  }
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const p = new URL(request.url).searchParams;
  const api = serverCaller(context, request);
  const id = wholeNumber(p.get("id")) ?? null;
  const requestId = p.get("request");
  const official = p.get("official") === "yes" ? true : undefined;
  const [rules, list, selected, progress, me] = await Promise.all([
    api.goldenJson.rules(),
    api.goldenJson.list({ ...(official !== undefined ? { official } : {}), limit: 100 }),
    id ? orNull(() => api.goldenJson.get({ id })) : null,
    requestId ? orNull(() => api.goldenJson.progress({ requestId })) : null,
    api.health.me(),
  ]).catch(pageFailure);
  const missingId = id !== null && !selected;
  // An unknown id is a 404 page: the list stays there to pick another.
  return data({ rules, list, selected, progress, requestId, me, missingId }, { status: missingId ? 404 : 200 });
}


/** Refusals go out as 4xx with their message and field; a started computation redirects to its progress. */
export async function action(args: ActionFunctionArgs) {
  const result = await act(args);
  return result instanceof Response ? result : reply(result);
}

async function act({ request, context }: ActionFunctionArgs): Promise<ActionResult | Response> {
  const api = serverCaller(context, request);
  const form = await request.formData();
  const intent = formString(form, "intent");
  if (intent === "create") {
    const requestId = `ui-${crypto.randomUUID()}`;
    const runFrom = wholeNumber(formString(form, "runFrom"));
    const runTo = wholeNumber(formString(form, "runTo"));
    const pattern = formString(form, "datasetPattern");
    const tag = formString(form, "tag");
    try {
      await api.goldenJson.create({ ruleName: formString(form, "ruleName"), requestId, ...(pattern ? { datasetPattern: pattern } : {}), ...(runFrom ? { runFrom } : {}), ...(runTo ? { runTo } : {}), ...(tag ? { tag } : {}) });
    } catch (err) {
      return failed(intent, err);
    }
    return redirect(`/golden-json?request=${requestId}`);
  }
  if (intent === "createRule") {
    let logic: unknown;
    try {
      logic = JSON.parse(formString(form, "logic"));
    } catch (err) {
      return { ok: false, intent, error: `the rule is not JSON: ${err instanceof Error ? err.message : String(err)}`, status: 400, field: "logic" };
    }
    if (logic === null || typeof logic !== "object" || Array.isArray(logic)) return { ok: false, intent, error: 'a rule is a JSON-logic object, e.g. {"and": [...]}', status: 400, field: "logic" };
    return attempt(intent, async () => {
      const r = await api.goldenJson.createRule({ name: formString(form, "name"), logic: logic as Record<string, unknown>, datasetPattern: formString(form, "datasetPattern") });
      return `rule ${r.name} version ${r.version} saved`;
    });
  }
  if (intent === "lockRule") {
    return attempt(intent, async () => {
      const r = await api.goldenJson.lockRule({ name: formString(form, "name"), locked: formString(form, "locked") === "true" });
      return `${r.name} v${r.version} ${r.locked ? "locked" : "unlocked"}`;
    });
  }
  if (intent === "tag") {
    const tag = formString(form, "tag");
    return attempt(intent, async () => {
      const g = await api.goldenJson.tag({ id: Number(formString(form, "id")), tag: tag || null, official: form.get("official") === "on" });
      return `golden JSON ${g.id}: tag ${g.tag ?? "none"}${g.official ? ", official" : ""}`;
    });
  }
  return { ok: false, intent, error: `unknown action '${intent}'`, status: 400, field: "intent" };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function Progress({ progress, requestId }: { progress: Data["progress"]; requestId: string }) {
  const revalidator = useRevalidator();
  const navigate = useNavigate();
  const running = progress?.status === "RUNNING";
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1000);
    return () => clearInterval(t);
  }, [running, revalidator]);
  useEffect(() => {
    if (progress?.goldenJsonId) navigate(`/golden-json?id=${progress.goldenJsonId}`, { replace: true });
  }, [progress?.goldenJsonId, navigate]);
  if (!progress) return <p className="notice error" role="alert">No golden-JSON computation '{requestId}'.</p>;
  return (
    <section className="cert-section" aria-label="Computation progress" role="status">
      <h2>Computing… <span className="muted">{progress.status}</span></h2>
      <progress max={Math.max(1, progress.datasetsTotal)} value={progress.datasetsDone} aria-label="Datasets evaluated" />
      <span> {progress.phase}: {progress.datasetsDone} / {progress.datasetsTotal} datasets</span>
      {progress.status !== "RUNNING" && progress.status !== "COMPLETED" ? <p className="notice error">The computation ended as {progress.status}; see its workflow in the Temporal UI.</p> : null}
    </section>
  );
}

function CreateForm({ rules }: { rules: Data["rules"] }) {
  const result = useActionData<ActionResult>();
  const navigation = useNavigation();
  const names = [...new Set(rules.map((r) => r.name))];
  return (
    <Form method="post" className="cert-section" aria-label="Create a golden JSON">
      <h2>Create a golden JSON</h2>
      <input type="hidden" name="intent" value="create" />
      <div className="form-grid">
        <label>Rule set<select name="ruleName">{names.map((n) => <option key={n}>{n}</option>)}</select></label>
        <label>Dataset pattern (blank: the rule's)<input name="datasetPattern" placeholder="%PromptReco%" /></label>
        <label>Run from<input type="number" name="runFrom" min={1} /></label>
        <label>Run to<input type="number" name="runTo" min={1} /></label>
        <label>Tag<input name="tag" pattern="[\w.\-]{1,64}" /></label>
        <button type="submit" className="primary" disabled={names.length === 0 || navigation.state !== "idle"}>Compute</button>
      </div>
      {names.length === 0 ? <p className="muted">No rule set yet: an expert creates one below.</p> : null}
      {result && result.intent === "create" && !result.ok ? <div role="alert" className="notice error">Refused: {result.error}</div> : null}
    </Form>
  );
}

function LockButton({ name, locked }: { name: string; locked: boolean }) {
  const fetcher = useFetcher<ActionResult>();
  return (
    <fetcher.Form method="post" style={{ display: "inline" }}>
      <input type="hidden" name="intent" value="lockRule" />
      <input type="hidden" name="name" value={name} />
      <input type="hidden" name="locked" value={locked ? "false" : "true"} />
      <button type="submit" disabled={fetcher.state !== "idle"}>{locked ? "Unlock" : "Lock"}</button>
      {fetcher.data && !fetcher.data.ok ? <span role="alert" className="notice error">{fetcher.data.error}</span> : null}
    </fetcher.Form>
  );
}

function RuleForms({ rules, expert }: { rules: Data["rules"]; expert: boolean }) {
  const fetcher = useFetcher<ActionResult>();
  return (
    <section className="cert-section" aria-label="Rule sets">
      <h2>Rule sets</h2>
      {rules.length === 0 ? <p className="empty">No rule set yet.</p> : (
        <table className="cert">
          <thead><tr><th>Name</th><th className="num">Version</th><th>Datasets</th><th>Rule</th><th>By</th><th /></tr></thead>
          <tbody>
            {rules.map((r) => (
              <tr key={`${r.name}-${r.version}`}>
                <td>{r.name}</td><td className="num">{r.version}</td><td><code>{r.dataset_pattern}</code></td>
                <td><code>{JSON.stringify(r.logic).slice(0, 160)}</code></td><td>{r.created_by}</td>
                <td>
                  {r.locked ? <span className="badge warn">locked</span> : null}
                  {expert && rules.find((x) => x.name === r.name) === r ? <LockButton name={r.name} locked={r.locked} /> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {expert ? (
        <fetcher.Form method="post" className="form-grid" aria-label="New rule version">
          <input type="hidden" name="intent" value="createRule" />
          <label>Name<input name="name" required pattern="[\w.\-]{1,64}" /></label>
          <label>Dataset pattern<input name="datasetPattern" required defaultValue="%PromptReco%" /></label>
          <label>JSON-logic rule<textarea name="logic" rows={3} required defaultValue={'{"and":[{"==":[{"var":"lumisection.rr.tracker-pixel"},"GOOD"]},{"==":[{"var":"lumisection.oms.beam1_stable"},true]}]}'} /></label>
          <button type="submit">Save new version</button>
          {fetcher.data && !fetcher.data.ok ? <div role="alert" className="notice error">Refused: {fetcher.data.error}</div> : null}
          {fetcher.data?.ok ? <div role="status" className="notice ok">{fetcher.data.message}</div> : null}
        </fetcher.Form>
      ) : <p className="muted">Experts create and lock rule sets.</p>}
    </section>
  );
}

export default function GoldenJsonPage() {
  const { rules, list, selected, progress, requestId, me, missingId } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const exportCsv = () => downloadText(toCsv(["id", "rule", "version", "datasets", "tag", "official", "lumi_kept", "lumi_lost", "by", "at"], list.map((g) => [g.id, g.rule_name, g.rule_version, g.dataset_pattern, g.tag, g.official, g.lumi_kept, g.lumi_lost, g.created_by, new Date(g.created_at)])), "golden-jsons.csv");
  return (
    <>
      <h1>Golden JSON</h1>
      {requestId ? <Progress progress={progress} requestId={requestId} /> : null}
      {missingId ? <p className="notice error" role="alert">No golden JSON {params.get("id")}.</p> : null}
      {selected ? <GoldenJsonView g={selected} canTag={hasRole(me.role, "expert")} /> : null}
      <div className="cert-sections">
        <CreateForm rules={rules} />
        <RuleForms rules={rules} expert={hasRole(me.role, "expert")} />
      </div>
      <section className="cert-section" aria-label="Stored golden JSONs">
        <h2>
          Stored golden JSONs
          <Link to={params.get("official") === "yes" ? "?" : "?official=yes"} className="badge idle">{params.get("official") === "yes" ? "show all" : "official only"}</Link>
          <button type="button" onClick={exportCsv} disabled={list.length === 0}>Export CSV</button>
        </h2>
        {list.length === 0 ? <p className="empty">None yet.</p> : (
          <table className="cert">
            <thead><tr><th className="num">Id</th><th>Rule</th><th>Datasets</th><th>Tag</th><th className="num">Kept /pb</th><th className="num">Lost /pb</th><th>By</th><th>When</th></tr></thead>
            <tbody>
              {list.map((g) => (
                <tr key={g.id} aria-current={selected?.id === g.id ? "true" : undefined}>
                  <td className="num"><Link to={`?id=${g.id}`}>{g.id}</Link></td>
                  <td>{g.rule_name} v{g.rule_version}</td>
                  <td><code>{g.dataset_pattern}</code></td>
                  <td>{g.tag ?? ""} {g.official ? <span className="badge ok">official</span> : null}</td>
                  <td className="num">{g.lumi_kept.toFixed(2)}</td>
                  <td className="num">{g.lumi_lost.toFixed(2)}</td>
                  <td>{g.created_by}</td>
                  <td className="muted when">{new Date(g.created_at).toISOString().slice(0, 16).replace("T", " ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  return (
    <div className="error-box" role="alert">
      <h1>Golden JSONs could not be shown</h1>
      <p>{isRouteErrorResponse(error) ? `${error.status} ${String(error.data)}` : error instanceof Error ? error.message : "unknown error"}</p>
    </div>
  );
}
