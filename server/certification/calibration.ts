/**
 * Calibration readiness ("Spy-Agency"): a run is ready for prompt reco when every prompt
 * calibration workflow is done, or when the gate's timeout releases it with the previous conditions.
 */
export const calibrationStatuses = ["pending", "running", "done", "failed"] as const;
export type CalibrationStatus = (typeof calibrationStatuses)[number];

export type CalibrationState = Record<string, CalibrationStatus>;

export function initialCalibrationState(workflows: readonly string[]): CalibrationState {
  return Object.fromEntries(workflows.map((w) => [w, "pending" as const]));
}

export function calibrationReady(state: CalibrationState): boolean {
  return Object.values(state).every((s) => s === "done");
}

export function calibrationMissing(state: CalibrationState): string[] {
  return Object.entries(state)
    .filter(([, s]) => s !== "done")
    .map(([w]) => w);
}
