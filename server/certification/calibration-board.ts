/**
 * The calibration page's read side: per run under certification, the status of each prompt
 * calibration, whether the gate has released the run (and how), and the notification to Tier-0.
 */
import type { Db } from "../../db/pool";
import { type CalibrationStatus, calibrationStatuses } from "./calibration";
import { defaultCertificationConfig } from "./certification-config";

export interface CalibrationRow {
  readonly runNumber: number;
  readonly runClass: string;
  readonly stage: string;
  readonly certStatus: string;
  /** Every configured calibration workflow; never reported means pending. */
  readonly calibrations: Record<string, CalibrationStatus>;
  readonly release: { readonly by: string; readonly at: Date } | null;
  readonly notification: { readonly outcome: string; readonly at: Date } | null;
}

function asStatus(s: string): CalibrationStatus {
  return (calibrationStatuses as readonly string[]).includes(s) ? (s as CalibrationStatus) : "pending";
}

export async function calibrationBoard(db: Db, opts: { released?: boolean; limit: number; workflows?: readonly string[] }): Promise<{ workflows: string[]; runs: CalibrationRow[] }> {
  const configured = [...(opts.workflows ?? defaultCertificationConfig.calibration.workflows)];
  const runs = await db.selectFrom("cert_run").select(["run_number", "run_class", "stage", "cert_status"]).orderBy("run_number", "desc").limit(opts.limit).execute();
  const numbers = runs.map((r) => r.run_number);
  if (numbers.length === 0) return { workflows: configured, runs: [] };
  const [cals, releases, notes] = await Promise.all([
    db.selectFrom("cert_calibration").select(["run_number", "workflow", "status"]).where("run_number", "in", numbers).execute(),
    db.selectFrom("cert_audit").select(["run_number", "after", "at"]).where("kind", "=", "calibration-release").where("run_number", "in", numbers).execute(),
    db.selectFrom("cert_notification").select(["run_number", "outcome", "sent_at"]).where("kind", "=", "ready-for-prompt-reco").where("run_number", "in", numbers).execute(),
  ]);
  const workflows = [...new Set([...configured, ...cals.map((c) => c.workflow)])];
  const rows: CalibrationRow[] = runs.map((r) => {
    const calibrations: Record<string, CalibrationStatus> = Object.fromEntries(workflows.map((w) => [w, "pending"]));
    for (const c of cals) if (c.run_number === r.run_number) calibrations[c.workflow] = asStatus(c.status);
    const rel = releases.find((x) => x.run_number === r.run_number);
    const note = notes.find((x) => x.run_number === r.run_number);
    return {
      runNumber: r.run_number,
      runClass: r.run_class,
      stage: r.stage,
      certStatus: r.cert_status,
      calibrations,
      release: rel ? { by: String((rel.after as { releasedBy?: string } | null)?.releasedBy ?? "ready"), at: rel.at } : null,
      notification: note ? { outcome: note.outcome, at: note.sent_at } : null,
    };
  });
  return { workflows, runs: opts.released === undefined ? rows : rows.filter((r) => (r.release !== null) === opts.released) };
}
