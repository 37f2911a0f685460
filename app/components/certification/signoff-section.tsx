/**
 * The run page's sign-off: each stage waiting for one, with what blocks it and the fix in place
 * (blockers are listed before anyone presses the button, and again beside a refusal), the
 * comment the board asks for too, and for experts a revoke of a stage's sign-off (the workflow's
 * reopen update, audited) and freezing of datasets.
 */
import { useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { SignoffBlocker } from "../../../server/certification/flags";
import { MIN_SIGNOFF_COMMENT } from "../../../server/certification/flags";
import { hasRole, type Role } from "../../../server/auth/roles";
import type { ActionResult } from "../../lib/action-result";
import { SignoffBlockers } from "./signoff-blockers";

interface Detail {
  run: { runNumber: number };
  live: { awaitingSignoff: string[]; stages: { stage: string; dataset: string | null; signoff: { user: string; comment: string; at: string } | null }[] } | null;
  datasets: { stage: string; dataset_name: string; workspace: string; frozen: boolean }[];
  missingSignoffs: { stage: string; dataset: string }[];
  flags: { dataset: string; blockers: SignoffBlocker[] }[];
  audit: { kind: string; actor: string; reason: string; idempotency_key: string }[];
}

/**
 * The stages waiting for a sign-off now or earlier on this page. A stage signed off here stays
 * (its form gone) to say so: the page's data may no longer list it by the time the sign-off's
 * answer comes. A stage that comes back (a revoked sign-off) starts a new round: a fresh form.
 */
function useSignoffStages(awaiting: readonly string[]): { stage: string; round: number; waiting: boolean }[] {
  const now = awaiting.join(",");
  const [rounds, setRounds] = useState<Record<string, { round: number; waiting: boolean }>>(() => Object.fromEntries(awaiting.map((s) => [s, { round: 0, waiting: true }])));
  useEffect(() => {
    const waiting = now === "" ? [] : now.split(",");
    setRounds((prev) => {
      const next = { ...prev };
      for (const [s, r] of Object.entries(next)) if (r.waiting && !waiting.includes(s)) next[s] = { round: r.round, waiting: false };
      for (const s of waiting) {
        const r = next[s];
        if (!r) next[s] = { round: 0, waiting: true };
        else if (!r.waiting) next[s] = { round: r.round + 1, waiting: true };
      }
      return next;
    });
  }, [now]);
  return Object.entries(rounds).map(([stage, r]) => ({ stage, round: r.round, waiting: awaiting.includes(stage) }));
}

/** The stage's latest sign-off event, when it is an expert's revoke (audit keys are `<workflow>/<stage>/…`). */
function revokeOf(detail: Detail, stage: string) {
  const last = detail.audit.filter((a) => (a.kind === "signoff" || a.kind === "reopen") && a.idempotency_key.split("/")[1] === stage).at(-1);
  return last?.kind === "reopen" ? last : null;
}

function SignOffStage({ runNumber, stage, dataset, blockers, canEdit, revoked, waiting }: { runNumber: number; stage: string; dataset: string | null; blockers: SignoffBlocker[]; canEdit: boolean; revoked: { actor: string; reason: string } | null; waiting: boolean }) {
  const fetcher = useFetcher<ActionResult>();
  if (!waiting) return fetcher.data?.ok ? <div role="status" className="notice ok">{fetcher.data.message}</div> : null;
  return (
    <div className="signoff-stage">
      {revoked ? <p className="notice warn-note">The {stage} sign-off was revoked by {revoked.actor}: “{revoked.reason}”. It needs a new one.</p> : null}
      <fetcher.Form method="post" className="form-grid" aria-label={`Sign off ${stage}`}>
        <input type="hidden" name="intent" value="signOff" />
        <input type="hidden" name="stage" value={stage} />
        <label>
          What you checked for the {stage} sign-off (required)
          <textarea name="comment" rows={1} required minLength={MIN_SIGNOFF_COMMENT} />
        </label>
        <button type="submit" className="primary" disabled={fetcher.state !== "idle" || fetcher.data?.ok === true}>Sign off {stage}</button>
        <span className="muted">needs the shifter role</span>
      </fetcher.Form>
      {fetcher.data && !fetcher.data.ok ? <div role="alert" className="notice error">Refused: {fetcher.data.error}{blockers.length > 0 ? " — fix it below, then sign off again." : ""}</div> : null}
      {fetcher.data?.ok ? <div role="status" className="notice ok">{fetcher.data.message}</div> : null}
      {dataset ? <SignoffBlockers runNumber={runNumber} dataset={dataset} stage={stage} blockers={blockers} canEdit={canEdit} /> : null}
    </div>
  );
}

function RevokeStage({ stage, by }: { stage: string; by: string }) {
  const fetcher = useFetcher<ActionResult>();
  return (
    <fetcher.Form method="post" className="form-grid" aria-label={`Revoke the ${stage} sign-off`}>
      <input type="hidden" name="intent" value="reopen" />
      <input type="hidden" name="stage" value={stage} />
      <label>
        Why revoke the {stage} sign-off by {by} (required, audited)
        <textarea name="comment" rows={1} required minLength={3} />
      </label>
      <button type="submit" className="danger" disabled={fetcher.state !== "idle"}>Revoke {stage} sign-off</button>
      {fetcher.data && !fetcher.data.ok ? <div role="alert" className="notice error">Refused: {fetcher.data.error}</div> : null}
      {fetcher.data?.ok ? <div role="status" className="notice ok">{fetcher.data.message.replace("reopened", "sign-off revoked")}</div> : null}
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

export function SignOffSection({ detail, role }: { detail: Detail; role: Role }) {
  const awaiting = detail.live?.awaitingSignoff ?? [];
  const stages = useSignoffStages(awaiting);
  const signed = detail.live?.stages.filter((s) => s.signoff) ?? [];
  const globals = detail.datasets.filter((d) => d.workspace === "global");
  const datasetOf = (stage: string) => detail.live?.stages.find((s) => s.stage === stage)?.dataset ?? globals.find((d) => d.stage === stage)?.dataset_name ?? null;
  return (
    <section className="cert-section" aria-label="Sign-off">
      <h2>Sign-off</h2>
      {awaiting.length === 0 ? <p className="muted">No stage is waiting for a sign-off.</p> : null}
      {stages.map(({ stage: s, round, waiting }) => {
        const dataset = datasetOf(s);
        return <SignOffStage key={`${s}-${round}`} runNumber={detail.run.runNumber} stage={s} dataset={dataset} blockers={detail.flags.find((f) => f.dataset === dataset)?.blockers ?? []} canEdit={hasRole(role, "shifter")} revoked={revokeOf(detail, s)} waiting={waiting} />;
      })}
      {detail.missingSignoffs.length > 0 ? <p className="muted">Sign-offs still missing: {detail.missingSignoffs.map((m) => `${m.stage} (${m.dataset})`).join(", ")}</p> : null}
      {signed.length > 0 ? <ul className="muted">{signed.map((s) => <li key={s.stage}>{s.stage} signed off by {s.signoff!.user}{s.signoff!.comment ? `: “${s.signoff!.comment}”` : ""}</li>)}</ul> : null}
      {hasRole(role, "expert") ? (
        <>
          <h3>Expert</h3>
          {signed.map((s) => <RevokeStage key={s.stage} stage={s.stage} by={s.signoff!.user} />)}
          <div className="form-grid">{globals.map((d) => <FreezeButton key={d.dataset_name} dataset={d.dataset_name} frozen={d.frozen} />)}</div>
        </>
      ) : null}
    </section>
  );
}
