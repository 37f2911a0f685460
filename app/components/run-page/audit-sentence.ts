/**
 * A run's audit entries as sentences ("dev-shifter set tracker-strip to BAD for LS 1–1689") and
 * their before/after as a list of changed fields, so the run page never shows raw JSON. Kinds
 * without a sentence of their own fall back to "<kind>: <reason>".
 */
import { plainMessage } from "../../lib/plain-message";

export interface AuditEntry {
  readonly kind: string;
  readonly actor: string;
  readonly reason: string;
  readonly before: unknown;
  readonly after: unknown;
}

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {};
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : undefined;
}

function lsRange(a: Obj): string {
  const first = str(a.firstLs);
  const last = str(a.lastLs);
  if (!first || !last) return "";
  return first === last ? ` for LS ${first}` : ` for LS ${first}–${last}`;
}

/** What a prompt-reco notification's stored outcome means for the shifter. */
export function notificationOutcome(outcome: string): string {
  if (outcome === "sent") return "sent to Tier-0";
  if (outcome.startsWith("skipped: no endpoint")) return "not sent: no Tier-0 endpoint is configured here, so there was no one to tell (nothing to do)";
  return outcome;
}

function sentenceCase(t: string): string {
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** Why the calibration gate released a run for prompt reconstruction, in words. */
export function releaseReason(by: string): string {
  if (by === "ready") return "every prompt calibration was ready";
  if (by === "timeout") return "the calibration deadline passed: prompt uses the previous conditions";
  return by;
}

export function auditSentence(e: AuditEntry): string {
  const after = obj(e.after);
  const before = obj(e.before);
  const reason = e.reason ? plainMessage(e.reason) : "";
  const why = reason ? `: ${reason}` : "";
  switch (e.kind) {
    case "flag-edit":
      return `${e.actor} set ${str(after.component) ?? "a component"} to ${str(after.status) ?? "?"}${lsRange(after)}${reason ? ` (“${reason}”)` : ""}`;
    case "flag-undo":
      return `${e.actor} undid flag version ${str(before.id) ?? str(after.undoOf) ?? "?"}`;
    case "auto-flag":
      return `Rule ${e.actor.replace(/^rule:/, "")} set ${str(after.component) ?? "a component"} to ${str(after.status) ?? "?"}${lsRange(after)}${why}`;
    case "signoff":
      return `${e.actor} signed off ${str(after.stage) ?? "the stage"}${reason ? ` (“${reason}”)` : ""}; the run is now ${str(after.runState) ?? "?"}`;
    case "reopen":
      return `${e.actor} reopened the stage${reason ? ` (“${reason}”)` : ""}; the run is now ${str(after.runState) ?? "?"}`;
    case "freeze":
    case "unfreeze":
      return `${e.actor} ${e.kind === "freeze" ? "froze" : "unfroze"} ${str(after.dataset) ?? "a dataset"}`;
    case "stage-start":
      return `Stage ${str(after.stage) ?? "?"} started${why}`;
    case "transition":
      return `${sentenceCase(reason || `now ${str(after.status) ?? str(after.dataset) ?? "in a new state"}`)}${str(after.referenceRun) ? ` (reference run ${str(after.referenceRun)})` : ""}`;
    case "comparison-failed":
      return `The comparisons could not run${why}`;
    case "comparison-retry":
      return `${e.actor} retried the ${str(after.stage) ?? "stage's"} comparisons (retry ${str(after.retry) ?? "?"})${reason ? `, having fixed: “${reason}”` : ""}`;
    case "reminder":
      return `Reminder${why}`;
    case "escalation":
      return `Escalated to the shift leader${why}`;
    case "calibration-report":
      return `${e.actor} reported calibration ${reason || "?"} ${str(before.status) ? `from ${str(before.status)} ` : ""}to ${str(after.status) ?? "?"}`;
    case "calibration-release":
      return `Released for prompt reconstruction: ${releaseReason(str(after.releasedBy) ?? "?")}`;
    case "notification":
      return `“Ready for prompt reco” ${notificationOutcome(str(after.outcome) ?? "?")}${str(after.httpStatus) ? ` (HTTP ${str(after.httpStatus)})` : ""}`;
    default:
      return `${e.kind.replaceAll("-", " ")}${why}`;
  }
}

export interface FieldChange {
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

function flatten(v: unknown, prefix: string, out: Map<string, string>): void {
  if (v === null && prefix === "") return;
  if (v !== null && typeof v === "object" && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v as Obj)) flatten(x, prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(v)) {
    v.forEach((x, i) => flatten(x, `${prefix}[${i + 1}]`, out));
  } else if (v !== undefined) {
    out.set(prefix || "value", v === null ? "—" : (str(v) ?? JSON.stringify(v)));
  }
}

/** The fields that differ between before and after (nested fields by dotted name), in a stable order. */
export function auditChanges(before: unknown, after: unknown): FieldChange[] {
  const b = new Map<string, string>();
  const a = new Map<string, string>();
  flatten(before, "", b);
  flatten(after, "", a);
  const fields = [...new Set([...b.keys(), ...a.keys()])];
  return fields.filter((f) => b.get(f) !== a.get(f)).map((f) => ({ field: f, before: b.get(f) ?? "—", after: a.get(f) ?? "—" }));
}
