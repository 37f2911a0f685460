/**
 * The rules of retrying failed comparisons that the workflow, the API and the run page share
 * (plain values, no I/O: the workflow bundle and the browser import them too).
 */
import type { RetryComparisonsResult } from "../../workflows/certification/certify-run.messages";

/** The shortest "what was fixed" a retry accepts (it goes into the audit trail). */
export const MIN_RETRY_REASON = 3;

/** The outcome of a retry as the shifter reads it; `plain` words the new error (a page turns stored technical text into sentences). */
export function retryOutcome(runNumber: number, r: RetryComparisonsResult, plain: (error: string) => string = (e) => e): string {
  if (r.error === null && r.status === "signed-off") return `retry ${r.retry} of the ${r.stage} comparisons of run ${runNumber} succeeded: results and automatic flags are written, and ${r.stage} was signed off automatically (the configuration's automatic sign-off)`;
  if (r.error === null) return `retry ${r.retry} of the ${r.stage} comparisons of run ${runNumber} succeeded: results and automatic flags are written, and ${r.stage} awaits its sign-off`;
  return `retry ${r.retry} of the ${r.stage} comparisons of run ${runNumber} failed again: ${plain(r.error)}`;
}
