/**
 * Names of shift alarms. An alarm is derived from certification's tables, never stored; its key
 * is what an acknowledgement refers to, so it must be stable as long as the cause is:
 * - `comparison-error:<run>:<dataset>`: the stage's comparisons of that dataset have results in ERROR;
 * - `audit:<id>`: an audit row of a failed comparison activity or of a missed sign-off deadline.
 */
import { type Stage, stages } from "../../db/tables/dataset.table";

export const alarmKinds = ["comparison-error", "comparison-failed", "deadline-missed"] as const;
export type AlarmKind = (typeof alarmKinds)[number];

/** Audit kinds (written by the certification workflow) that raise an alarm. */
export const alarmAuditKinds = { "comparison-failed": "comparison-failed", escalation: "deadline-missed" } as const satisfies Record<string, AlarmKind>;

export const ALARM_KEY_PATTERN = /^(comparison-error:\d+:.+|audit:\d+)$/;

export function comparisonAlarmKey(runNumber: number, dataset: string): string {
  return `comparison-error:${runNumber}:${dataset}`;
}

export function auditAlarmKey(auditId: number): string {
  return `audit:${auditId}`;
}

/**
 * The stage of a workflow step's audit key (`<workflow id>/<stage>/<step>…`, see
 * server/certification/audit.repository.ts); workflow ids contain no slash.
 */
export function stageOfAuditKey(idempotencyKey: string): Stage | null {
  const part = idempotencyKey.split("/")[1];
  return (stages as readonly string[]).includes(part ?? "") ? (part as Stage) : null;
}
