/**
 * HDQM's rule for runs shown by default: not "special" (HLT key containing `special`), collision
 * runs with at least 0.1 /pb recorded, cosmic runs of at least one hour.
 */
import type { RunClass } from "../../db/tables/run.table";

export const MIN_COLLISION_RECORDED_LUMI_PB = 0.1;
export const MIN_COSMICS_DURATION_S = 3600;

export interface SignificanceInput {
  readonly runClass: RunClass;
  readonly hltKey: string | null;
  readonly recordedLumi: number | null;
  /** Seconds; null while the run is ongoing. */
  readonly durationS: number | null;
}

export function isSignificant(r: SignificanceInput): boolean {
  if (r.hltKey && /special/i.test(r.hltKey)) return false;
  if ((r.runClass === "Collisions" || r.runClass === "HeavyIons") && (r.recordedLumi ?? 0) < MIN_COLLISION_RECORDED_LUMI_PB) return false;
  if (r.runClass === "Cosmics" && (r.durationS === null || r.durationS < MIN_COSMICS_DURATION_S)) return false;
  return true;
}
