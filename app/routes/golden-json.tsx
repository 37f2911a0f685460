/**
 * Golden JSONs: rule sets (JSON-logic, versioned, lockable) written in an editor that offers the
 * data's variable names and refuses unknown ones, edited as new versions and compared version
 * against version; computing a JSON on Temporal with its progress from a chosen rule version; the
 * stored results (JSON, anti-JSON, luminosity, loss per sub-rule, tags), and two of them compared
 * (runs and lumisections gained and lost, luminosity). The view is in the URL: `id`, `request`,
 * `from`/`to` (a comparison), `rule`/`rv` (a rule's versions compared).
 */
import { type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigate, useNavigation, useRevalidator, useRouteError, useSearchParams } from "@remix-run/react";
import { TRPCError } from "@trpc/server";
import { useEffect, useState } from "react";
import { hasRole } from "../../server/auth/roles";
import styles from "../components/certification/certification.css";
import { GoldenJsonView } from "../components/certification/golden-json-view";
import { GoldenJsonDiffView } from "../components/golden-json/golden-json-diff-view";
import { RuleDiffView } from "../components/golden-json/rule-diff-view";
import { RuleEditor, ruleTextProblem } from "../components/golden-json/rule-editor";
import goldenStyles from "../components/golden-json/golden-json.css";
import { type ActionResult, attempt, failed, formString, reply, wholeNumber } from "../lib/action-result";
import { pageFailure } from "../lib/page-errors";
import { toCsv } from "../lib/csv";
import { downloadText } from "../lib/download";
import { serverCaller } from "../trpc.server";
import { PageError } from "../components/page-error";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }, { rel: "stylesheet", href: goldenStyles }];

/** A tag as the API takes it (server/limits/fields.ts `slug`). */
const TAG = /^[\w.-]{1,64}$/;
const TAG_RULE = "a tag is 1–64 letters, digits, _, . or - with no spaces (e.g. Cert_2026_v1)";

/** `a-b` from the URL as two whole numbers, or null. */
function pair(text: string | null): [number, number] | null {
  const m = /^(\d{1,9})-(\d{1,9})$/.exec(text ?? "");
  return m ? [Number(m[1]), Number(m[2])] : null;
}
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
  const fromId = wholeNumber(p.get("from")) ?? null;
  const toId = wholeNumber(p.get("to")) ?? null;
  const ruleName = p.get("rule");
  const versions = pair(p.get("rv"));
  const [rules, list, selected, progress, me, variables, comparison, ruleDiff] = await Promise.all([
    api.goldenJson.rules(),
    api.goldenJson.list({ ...(official !== undefined ? { official } : {}), limit: 100 }),
    id ? orNull(() => api.goldenJson.get({ id })) : null,
    requestId ? orNull(() => api.goldenJson.progress({ requestId })) : null,
    api.health.me(),
    api.goldenJson.variables(),
    fromId && toId ? orNull(() => api.goldenJson.diff({ fromId, toId })) : null,
    ruleName && versions ? orNull(() => api.goldenJson.ruleDiff({ name: ruleName, fromVersion: versions[0], toVersion: versions[1] })) : null,
  ]).catch(pageFailure);
  const missingId = id !== null && !selected;
  const missingComparison = fromId !== null && toId !== null && !comparison ? `No comparison of golden JSON ${fromId} with ${toId}: one of them does not exist.` : null;
  const missingRuleDiff = ruleName !== null && !ruleDiff ? `No comparison of rule ${ruleName} ${p.get("rv") ?? ""}: give two versions that exist (rv=1-2).` : null;
  // An unknown id is a 404 page: the list stays there to pick another.
  return data({ rules, list, selected, progress, requestId, me, missingId, variables, comparison, ruleDiff, missing: [missingComparison, missingRuleDiff].filter((m): m is string => m !== null) }, { status: missingId || missingComparison || missingRuleDiff ? 404 : 200 });
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
    const tag = formString(form, "tag").trim();
    if (tag && !TAG.test(tag)) return { ok: false, intent, error: `“${tag}”: ${TAG_RULE}`, status: 400, field: "tag" };
    const ruleVersion = wholeNumber(formString(form, "ruleVersion"));
    try {
      await api.goldenJson.create({ ruleName: formString(form, "ruleName"), requestId, ...(ruleVersion ? { ruleVersion } : {}), ...(pattern ? { datasetPattern: pattern } : {}), ...(runFrom ? { runFrom } : {}), ...(runTo ? { runTo } : {}), ...(tag ? { tag } : {}) });
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
    try {
      const r = await api.goldenJson.createRule({ name: formString(form, "name"), logic: logic as Record<string, unknown>, datasetPattern: formString(form, "datasetPattern") });
      return { ok: true, intent, message: `rule ${r.name} version ${r.version} saved` };
    } catch (err) {
      const f = failed(intent, err);
      // The API prefixes refusals of the rule itself with "logic:": shown under the editor.
      return !f.ok && f.error.startsWith("logic: ") ? { ...f, error: f.error.slice("logic: ".length), field: "logic" } : f;
    }
  }
  if (intent === "lockRule") {
    return attempt(intent, async () => {
      const r = await api.goldenJson.lockRule({ name: formString(form, "name"), locked: formString(form, "locked") === "true" });
      return `${r.name} v${r.version} ${r.locked ? "locked" : "unlocked"}`;
    });
  }
  if (intent === "tag") {
    const tag = formString(form, "tag").trim();
    if (tag && !TAG.test(tag)) return { ok: false, intent, error: `“${tag}”: ${TAG_RULE}`, status: 400, field: "tag" };
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

/** The rule set computed by default: the one changed last (not the alphabetically first). */
function newestRule(rules: Data["rules"]): string {
  const newest = [...rules].sort((a, b) => new Date(b.created_at).getTime() - new Date(a.created_at).getTime())[0];
  return newest?.name ?? "";
}

function CreateForm({ rules }: { rules: Data["rules"] }) {
  const result = useActionData<ActionResult>();
  const navigation = useNavigation();
  const names = [...new Set(rules.map((r) => r.name))].sort();
  const [ruleName, setRuleName] = useState(() => newestRule(rules));
  const versions = rules.filter((r) => r.name === ruleName).sort((a, b) => b.version - a.version);
  const refused = result && result.intent === "create" && !result.ok ? result : null;
  return (
    <Form method="post" className="cert-section" aria-label="Create a golden JSON">
      <h2>Create a golden JSON</h2>
      <input type="hidden" name="intent" value="create" />
      <div className="form-grid">
        <label>Rule set<select name="ruleName" value={ruleName} onChange={(e) => setRuleName(e.currentTarget.value)}>{names.map((n) => <option key={n}>{n}</option>)}</select></label>
        <label>
          Version
          <select name="ruleVersion" key={ruleName} defaultValue="">
            <option value="">latest (v{versions[0]?.version ?? "–"})</option>
            {versions.map((v) => <option key={v.version} value={v.version}>v{v.version} · {v.created_by}</option>)}
          </select>
        </label>
        <label>Dataset pattern (blank: the rule&apos;s)<input name="datasetPattern" placeholder={versions[0]?.dataset_pattern ?? "%PromptReco%"} /></label>
        <label>Run from<input type="number" name="runFrom" min={1} /></label>
        <label>Run to<input type="number" name="runTo" min={1} /></label>
        <label>
          Tag (optional)
          <input name="tag" aria-invalid={refused?.field === "tag"} aria-describedby="create-tag-help" />
          <small id="create-tag-help" className={refused?.field === "tag" ? "field-error" : "muted"}>{refused?.field === "tag" ? refused.error : "letters, digits, _ . - (no spaces)"}</small>
        </label>
        <button type="submit" className="primary" disabled={names.length === 0 || navigation.state !== "idle"}>Compute</button>
      </div>
      {names.length === 0 ? <p className="muted">No rule set yet: an expert creates one below.</p> : null}
      {refused && refused.field !== "tag" ? <div role="alert" className="notice error">Refused: {refused.error}</div> : null}
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

const EXAMPLE_RULE = JSON.stringify({ and: [{ "==": [{ var: "lumisection.rr.tracker-pixel" }, "GOOD"] }, { "==": [{ var: "lumisection.oms.beam1_stable" }, true] }] }, null, 2);

function RuleForms({ rules, expert, variables }: { rules: Data["rules"]; expert: boolean; variables: string[] }) {
  const fetcher = useFetcher<ActionResult>();
  const [draft, setDraft] = useState({ name: "", datasetPattern: "%PromptReco%", logic: EXAMPLE_RULE });
  const [editing, setEditing] = useState<string | null>(null);
  const problem = ruleTextProblem(draft.logic, variables);
  const latest = (name: string) => rules.find((x) => x.name === name);
  const edit = (r: Data["rules"][number]) => {
    setDraft({ name: r.name, datasetPattern: r.dataset_pattern, logic: JSON.stringify(r.logic, null, 2) });
    setEditing(`${r.name} v${r.version}`);
    document.getElementById("rule-editor-form")?.scrollIntoView({ block: "start" });
  };
  const result = fetcher.data;
  return (
    <section className="cert-section" aria-label="Rule sets">
      <h2>Rule sets</h2>
      {rules.length === 0 ? <p className="empty">No rule set yet.</p> : (
        <div className="scroll-box">
          <table className="cert">
            <thead><tr><th>Name</th><th className="num">Version</th><th><span className="sr-only">Actions</span></th><th>Datasets</th><th>Rule</th><th>By</th></tr></thead>
            <tbody>
              {rules.map((r) => {
                const text = JSON.stringify(r.logic);
                const isLatest = latest(r.name) === r;
                return (
                  <tr key={`${r.name}-${r.version}`}>
                    <td>{r.name}</td><td className="num">{r.version}</td>
                    <td className="actions">
                      {r.locked ? <span className="badge warn">locked</span> : null}
                      {expert && isLatest ? <LockButton name={r.name} locked={r.locked} /> : null}
                      {expert && isLatest ? <button type="button" onClick={() => edit(r)} aria-label={`Edit ${r.name} as a new version`}>Edit as v{r.version + 1}</button> : null}
                      {r.version > 1 ? <Link to={`?rule=${encodeURIComponent(r.name)}&rv=${r.version - 1}-${r.version}`} aria-label={`Compare ${r.name} v${r.version - 1} with v${r.version}`}>diff v{r.version - 1}</Link> : null}
                    </td>
                    <td><code className="truncate short" title={r.dataset_pattern}>{r.dataset_pattern}</code></td>
                    <td><code className="truncate" title={text.length > 2000 ? `${text.slice(0, 2000)}…` : text}>{text.slice(0, 400)}</code></td>
                    <td>{r.created_by}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {expert ? (
        <fetcher.Form method="post" className="rule-form" aria-label="New rule version" id="rule-editor-form">
          <input type="hidden" name="intent" value="createRule" />
          {editing ? <p className="notice ok rule-editor-cell" role="status">Editing {editing}: saving makes a new version; the old one stays.</p> : null}
          <label>Name<input name="name" required value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} /></label>
          <label>Dataset pattern<input name="datasetPattern" required value={draft.datasetPattern} onChange={(e) => setDraft({ ...draft, datasetPattern: e.currentTarget.value })} /></label>
          <span />
          <div className="rule-editor-cell">
            <RuleEditor name="logic" value={draft.logic} onChange={(logic) => setDraft({ ...draft, logic })} variables={variables} />
          </div>
          <div className="rule-editor-cell form-grid">
            <button type="submit" className="primary" disabled={problem !== null || fetcher.state !== "idle"}>Save new version</button>
            {editing ? <button type="button" onClick={() => { setEditing(null); setDraft({ name: "", datasetPattern: "%PromptReco%", logic: EXAMPLE_RULE }); }}>Start a new rule set instead</button> : null}
          </div>
          {result && !result.ok ? <div role="alert" className="notice error rule-editor-cell">Refused: {result.error}</div> : null}
          {result?.ok ? <div role="status" className="notice ok rule-editor-cell">{result.message}</div> : null}
        </fetcher.Form>
      ) : <p className="muted">Experts create and lock rule sets.</p>}
    </section>
  );
}

function CompareForm({ list }: { list: Data["list"] }) {
  const [params] = useSearchParams();
  const option = (g: Data["list"][number]) => <option key={g.id} value={g.id}>#{g.id} · {g.rule_name} v{g.rule_version}{g.tag ? ` · ${g.tag}` : ""}</option>;
  return (
    <Form method="get" className="form-grid" aria-label="Compare two golden JSONs">
      <label>From (older)<select name="from" defaultValue={params.get("from") ?? list[1]?.id ?? ""}>{list.map(option)}</select></label>
      <label>To (newer)<select name="to" defaultValue={params.get("to") ?? list[0]?.id ?? ""}>{list.map(option)}</select></label>
      <button type="submit" disabled={list.length < 2}>Compare</button>
      {list.length < 2 ? <span className="muted">Two stored golden JSONs are needed.</span> : null}
    </Form>
  );
}

export default function GoldenJsonPage() {
  const { rules, list, selected, progress, requestId, me, missingId, variables, comparison, ruleDiff, missing } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const exportCsv = () => downloadText(toCsv(["id", "rule", "version", "datasets", "tag", "official", "lumi_kept", "lumi_lost", "by", "at"], list.map((g) => [g.id, g.rule_name, g.rule_version, g.dataset_pattern, g.tag, g.official, g.lumi_kept, g.lumi_lost, g.created_by, new Date(g.created_at)])), "golden-jsons.csv");
  return (
    <>
      <h1>Golden JSON</h1>
      {requestId ? <Progress progress={progress} requestId={requestId} /> : null}
      {missingId ? (
        <p className="notice error" role="alert">
          No golden JSON {params.get("id")}. <Link to="/golden-json">Back to the golden JSON list</Link>
        </p>
      ) : null}
      {missing.map((m) => <p key={m} className="notice error" role="alert">{m}</p>)}
      {comparison ? <GoldenJsonDiffView from={comparison.from} to={comparison.to} diff={comparison.diff} /> : null}
      {ruleDiff ? <RuleDiffView name={ruleDiff.name} from={ruleDiff.from} to={ruleDiff.to} lines={ruleDiff.lines} /> : null}
      {selected ? <GoldenJsonView g={selected} canTag={hasRole(me.role, "expert")} /> : null}
      <div className="cert-sections">
        <CreateForm rules={rules} />
        <RuleForms rules={rules} expert={hasRole(me.role, "expert")} variables={variables} />
      </div>
      <section className="cert-section" aria-label="Stored golden JSONs">
        <h2>
          Stored golden JSONs
          <Link to={params.get("official") === "yes" ? "?" : "?official=yes"} className="badge idle">{params.get("official") === "yes" ? "show all" : "official only"}</Link>
          <button type="button" onClick={exportCsv} disabled={list.length === 0}>Export CSV</button>
        </h2>
        <CompareForm list={list} />
        {list.length === 0 ? <p className="empty">None yet.</p> : (
          <table className="cert">
            <thead><tr><th className="num">Id</th><th>Rule</th><th>Datasets</th><th>Tag</th><th className="num">Kept /pb</th><th className="num">Lost /pb</th><th>By</th><th>When</th></tr></thead>
            <tbody>
              {list.map((g) => (
                <tr key={g.id} aria-current={selected?.id === g.id ? "true" : undefined}>
                  <td className="num"><Link to={`?id=${g.id}`}>{g.id}</Link></td>
                  <td>{g.rule_name} v{g.rule_version}</td>
                  <td><code className="truncate short" title={g.dataset_pattern}>{g.dataset_pattern}</code></td>
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
  return <PageError error={useRouteError()} what="This golden JSON" back={{ to: "/golden-json", label: "Back to the golden JSON list" }} />;
}
