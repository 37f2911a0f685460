/**
 * Retrying a stage's failed comparisons from the API: the stage's workflow runs them again
 * through its validated `retryComparisons` update (role, state and reason are judged there), and
 * the answer says in words how the retry ended, for the run page's feedback.
 */
import type { Stage } from "../../db/tables/dataset.table";
import { retryComparisonsUpdate, type RetryComparisonsResult } from "../../workflows/certification/certify-run.messages";
import type { Identity } from "../auth/identity";
import { type CertificationDeps, certRunRow, stageWorkflowId, updateError } from "./certification.service";
import { retryOutcome } from "./comparison-retry-rules";

export interface RetryComparisonsInput {
  readonly runNumber: number;
  readonly stage: Stage;
  /** What was fixed (audited). */
  readonly reason: string;
  readonly campaign?: string;
}

/** Runs a comparison-failed stage's comparisons again; a second failure is an answer, not an error. */
export async function retryComparisons(deps: CertificationDeps, who: Identity, input: RetryComparisonsInput): Promise<RetryComparisonsResult & { message: string }> {
  await certRunRow(deps.db, input.runNumber);
  const handle = (await deps.temporal()).workflow.getHandle(await stageWorkflowId(deps.db, input.runNumber, input.stage, input.campaign));
  try {
    const result = await handle.executeUpdate(retryComparisonsUpdate, { args: [{ stage: input.stage, user: who.user, role: who.role, reason: input.reason }] });
    return { ...result, message: retryOutcome(input.runNumber, result) };
  } catch (err) {
    throw updateError(err, input.runNumber);
  }
}
