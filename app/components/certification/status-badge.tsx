/**
 * A certification, dataset, flag, comparison or calibration status as a coloured pill. Run and
 * dataset states are shown in the workflow's words (server/certification/vocabulary.ts), with
 * their meaning as a tooltip; `data-status` keeps the stored value.
 */
import { meaningOf, progressWord } from "../../../server/certification/vocabulary";

const tones: Record<string, "ok" | "warn" | "err" | "info" | "idle"> = {
  GOOD: "ok", OK: "ok", COMPLETED: "ok", certified: "ok", completed: "ok", "signed-off": "ok", SIGNOFF: "ok", done: "ok", "calibration-ready": "ok",
  WARNING: "warn", STANDBY: "warn", EXCLUDED: "warn", "awaiting-signoff": "warn", "calibration-gate": "warn", running: "info", reopened: "warn", "calibration-timeout": "warn",
  BAD: "err", ERROR: "err", "comparison-failed": "err", failed: "err", "notification-failed": "err",
  OPEN: "warn", comparing: "info", "waiting-data": "idle", "waiting-metadata": "idle", "data-overdue": "warn", "waiting dqm gui": "idle", starting: "idle", pending: "idle", UNKNOWN: "idle", NOTSET: "idle",
};

export function toneOf(status: string): string {
  return tones[status] ?? (status.startsWith("reprocessing") ? "info" : "idle");
}

export function StatusBadge({ status, title }: { status: string; title?: string }) {
  return (
    <span className={`badge ${toneOf(status)}`} title={title ?? (meaningOf(status) || undefined)} data-status={status}>
      {progressWord(status)}
    </span>
  );
}
