/**
 * The `retryComparisons` update, in workflow code: when a stage's comparisons failed after their
 * activity retries (a stored histogram that did not decode, the histogram store down), a shifter
 * fixes the cause and runs compareStage and applyAutoFlags again for the stage's dataset, in the
 * same workflow. A success clears the error and the stage awaits its sign-off (or is signed off
 * automatically, when the configuration says so, as after a first comparison); another failure
 * keeps it comparison-failed with the new error. Every retry is numbered in the audit trail.
 */
import { ApplicationFailure, patched } from "@temporalio/workflow";
import { hasRole } from "../../server/auth/roles";
import { MIN_RETRY_REASON } from "../../server/certification/comparison-retry-rules";
import type { RetryComparisonsRequest, RetryComparisonsResult } from "./certify-run.messages";
import type { StageMachine, StageRecord } from "./stage-machine.workflow";

/** Why `req` may not retry now, or nothing. Throws: Temporal rejects the update without touching history. */
export function validateRetryComparisons(m: StageMachine, req: RetryComparisonsRequest): void {
  if (!hasRole(req.role, "shifter")) throw new Error(`retrying comparisons needs the shifter role; ${req.user} is ${req.role}`);
  const rec = m.stages.get(req.stage);
  if (!rec) throw new Error(`stage ${req.stage} of run ${m.id.runNumber} has not started: there are no comparisons to retry`);
  if (rec.signoff) throw new Error(`${req.stage} of run ${m.id.runNumber} is already signed off (by ${rec.signoff.user}): an expert reopens it before its comparisons can be retried`);
  if (rec.retrying) throw new Error(`the comparisons of ${req.stage} are being retried already: wait for that retry's result`);
  if (rec.comparisonError === null) throw new Error(`comparisons of ${req.stage} have not failed (the stage is ${rec.status}): there is nothing to retry`);
  if (req.reason.trim().length < MIN_RETRY_REASON) throw new Error(`say what was fixed before retrying (at least ${MIN_RETRY_REASON} characters)`);
}

function showStatus(m: StageMachine, rec: StageRecord, status: string): void {
  rec.status = status;
  // The run's search attributes follow its current stage; a stage reopened earlier keeps them.
  if (rec.stage === m.currentStage) m.setStatus(status, rec.stage);
}

/** Runs the stage's comparisons again; the stage is out of `awaiting` (no sign-off) while they run. */
export async function retryComparisons(m: StageMachine, req: RetryComparisonsRequest): Promise<RetryComparisonsResult> {
  validateRetryComparisons(m, req);
  const rec = m.stages.get(req.stage);
  const dataset = rec ? (rec.dataset ?? rec.fixedDataset) : null;
  if (!rec || dataset === null) throw ApplicationFailure.nonRetryable(`stage ${req.stage} has no dataset to compare`);
  const retry = ++rec.comparisonRetries;
  const failedWith = rec.comparisonError;
  rec.retrying = true;
  m.awaiting.delete(rec.stage);
  showStatus(m, rec, "comparing");
  let compared = false;
  try {
    await m.record(rec.stage, ["comparison-retry", retry], "comparison-retry", req.user, req.reason, { status: "comparison-failed", error: failedWith }, { stage: rec.stage, status: "comparing", retry }, rec);
    await m.compare(rec, dataset);
    compared = true;
  } finally {
    // A retry that did not get to judge (its audit write failed, the workflow was cancelled) leaves the stage as it was.
    if (!compared) rec.comparisonError = failedWith;
    rec.retrying = false;
    m.awaiting.add(rec.stage);
    showStatus(m, rec, rec.comparisonError ? "comparison-failed" : "awaiting-signoff");
  }
  const error = rec.comparisonError;
  const outcome = error ?? `retry ${retry} of the ${rec.stage} comparisons succeeded: comparisons done, automatic flags written`;
  await m.record(rec.stage, ["comparison-retry", retry, "result"], error ? "comparison-failed" : "transition", "system", outcome, { status: "comparing" }, { status: rec.status, referenceRun: rec.referenceRun, retry }, rec);
  const signed = !error && patched("auto-signoff-after-retry") && (await m.signOffAutomatically(rec.stage));
  return { stage: rec.stage, retry, status: error ? "comparison-failed" : signed ? "signed-off" : "awaiting-signoff", error, referenceRun: rec.referenceRun };
}
