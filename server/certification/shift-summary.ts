/**
 * A shift's summary to paste into the elog: what was signed off and revoked, which flags people
 * set, and which runs are left waiting for a sign-off, from the audit trail of a time window.
 */
import type { Db } from "../../db/pool";
import { signoffStatuses } from "../overview/run-progress";

/** Lines listed per part; the rest are counted. */
const MAX_LINES = 200;

interface Window {
  readonly since: Date;
  readonly until: Date;
}

const hhmm = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");
const quoted = (s: string) => (s.trim() ? `: “${s.trim().slice(0, 200)}”` : "");

export async function shiftSummary(db: Db, w: Window) {
  const rows = await db
    .selectFrom("cert_audit")
    .select(["run_number", "kind", "actor", "reason", "after", "at", "idempotency_key"])
    .where("at", ">=", w.since)
    .where("at", "<", w.until)
    .where("kind", "in", ["signoff", "reopen", "flag-edit"])
    .orderBy("id")
    .limit(MAX_LINES * 3)
    .execute();
  const stageOf = (key: string) => key.split("/")[1] ?? "";
  const signed = rows.filter((r) => r.kind === "signoff").map((r) => ({ runNumber: r.run_number, stage: stageOf(r.idempotency_key), by: r.actor, comment: r.reason, at: r.at }));
  const revoked = rows.filter((r) => r.kind === "reopen").map((r) => ({ runNumber: r.run_number, stage: stageOf(r.idempotency_key), by: r.actor, reason: r.reason, at: r.at }));
  const flagged = rows
    .filter((r) => r.kind === "flag-edit")
    .map((r) => {
      const f = r.after as { component?: string; firstLs?: number; lastLs?: number; status?: string } | null;
      return { runNumber: r.run_number, component: f?.component ?? "", firstLs: f?.firstLs ?? 0, lastLs: f?.lastLs ?? 0, status: f?.status ?? "", by: r.actor, comment: r.reason };
    });
  const left = await db.selectFrom("cert_run").select(["run_number", "stage", "cert_status"]).where("cert_status", "in", signoffStatuses).orderBy("run_number").limit(MAX_LINES).execute();
  const lines = [
    `Certification shift summary ${hhmm(w.since)}–${hhmm(w.until)} UTC`,
    `Signed off (${signed.length}):`,
    ...signed.map((s) => `  run ${s.runNumber} ${s.stage} by ${s.by}${quoted(s.comment)}`),
    ...(revoked.length ? [`Sign-offs revoked (${revoked.length}):`, ...revoked.map((s) => `  run ${s.runNumber} ${s.stage} by ${s.by}${quoted(s.reason)}`)] : []),
    `Flags set by hand (${flagged.length}):`,
    ...flagged.map((f) => `  run ${f.runNumber} ${f.component} LS ${f.firstLs}–${f.lastLs} ${f.status} by ${f.by}${quoted(f.comment)}`),
    `Left waiting for a sign-off (${left.length}):`,
    ...left.map((r) => `  run ${r.run_number} ${r.stage} (${r.cert_status})`),
  ];
  return { since: w.since, until: w.until, signed, revoked, flagged, left: left.map((r) => ({ runNumber: r.run_number, stage: r.stage, certStatus: r.cert_status })), text: lines.join("\n") };
}
