/**
 * Where each run's certification stands, from the board's row (`cert_run`) as the workflow last
 * wrote it: still moving through a stage, waiting for a shifter's sign-off, waiting for prompt
 * calibrations, or done.
 */
import { type Stage, stages } from "../../db/tables/dataset.table";

export type RunPhase = "in-progress" | "awaiting-signoff" | "awaiting-calibration" | "done";

/** Workflow statuses of a stage waiting for its sign-off (comparisons done, or failed). */
export const signoffStatuses = ["awaiting-signoff", "comparison-failed", "reopened"];
/** The workflow status of a run held between express and prompt until its calibrations are done. */
export const CALIBRATION_GATE = "calibration-gate";
const finalStages = new Set<Stage>(["prompt", "reprocessing"]);

/** The phase of a run whose workflow last reported `certStatus` at `stage`. */
export function runPhase(stage: Stage, certStatus: string): RunPhase {
  if (signoffStatuses.includes(certStatus)) return "awaiting-signoff";
  if (certStatus === CALIBRATION_GATE) return "awaiting-calibration";
  if (certStatus === "certified" || (finalStages.has(stage) && certStatus === "completed")) return "done";
  return "in-progress";
}

export interface StageCount {
  readonly stage: Stage;
  /** Runs whose certification is at this stage and not done. */
  readonly inFlight: number;
  readonly awaitingSignoff: number;
  readonly awaitingCalibration: number;
}

/** Runs in flight per stage, every stage listed (zero when none), from counts per (stage, status). */
export function countByStage(counts: readonly { readonly stage: Stage; readonly certStatus: string; readonly n: number }[]): StageCount[] {
  return stages.map((stage) => {
    const sum = (keep: (p: RunPhase) => boolean) => counts.filter((c) => c.stage === stage && keep(runPhase(c.stage, c.certStatus))).reduce((t, c) => t + c.n, 0);
    return {
      stage,
      inFlight: sum((p) => p !== "done"),
      awaitingSignoff: sum((p) => p === "awaiting-signoff"),
      awaitingCalibration: sum((p) => p === "awaiting-calibration"),
    };
  });
}
