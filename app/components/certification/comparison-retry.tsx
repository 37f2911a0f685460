/**
 * The comparison panel's way out of failed comparisons: per stage whose comparisons could not run,
 * what failed in words and, for shifters and experts, "Retry comparisons" — it first asks what
 * was fixed, then runs the stage's comparisons again (the workflow's retryComparisons update,
 * audited). The outcome stays shown after the page reloads, also once the stage is no longer failed.
 */
import { useFetcher } from "@remix-run/react";
import { useState } from "react";
import { MIN_RETRY_REASON } from "../../../server/certification/comparison-retry-rules";
import type { ActionResult } from "../../lib/action-result";
import { plainMessage } from "../../lib/plain-message";

export interface FailedStage {
  readonly stage: string;
  readonly error: string;
}

function sentence(t: string): string {
  return t.charAt(0).toUpperCase() + t.slice(1);
}

function RetryForm({ runNumber, stage, fetcher, onCancel }: { runNumber: number; stage: string; fetcher: ReturnType<typeof useFetcher<ActionResult>>; onCancel: () => void }) {
  const busy = fetcher.state !== "idle";
  return (
    <fetcher.Form method="post" className="form-grid" aria-label={`Retry the ${stage} comparisons`}>
      <input type="hidden" name="intent" value="retryComparisons" />
      <input type="hidden" name="stage" value={stage} />
      <p className="signoff-summary">
        Run the {stage} comparisons of run {runNumber} again? Every monitor element is compared with the reference once more and the automatic flags are written from the new results.
      </p>
      <label>
        What was fixed (required, audited)
        <textarea name="reason" rows={1} required minLength={MIN_RETRY_REASON} placeholder="e.g. DQM file re-ingested" />
      </label>
      <button type="submit" className="primary" disabled={busy}>{busy ? "Retrying…" : "Retry comparisons now"}</button>
      <button type="button" onClick={onCancel} disabled={busy}>Cancel</button>
    </fetcher.Form>
  );
}

function FailedStageBox({ runNumber, failed, canRetry, fetcher }: { runNumber: number; failed: FailedStage; canRetry: boolean; fetcher: ReturnType<typeof useFetcher<ActionResult>> }) {
  const [asking, setAsking] = useState(false);
  return (
    <div className="notice error" role="group" aria-label={`The ${failed.stage} comparisons failed`}>
      <p>
        <strong>The {failed.stage} comparisons could not run:</strong> {plainMessage(failed.error)}
      </p>
      <p className="muted">
        Fix the cause first (re-ingest the DQM file, repair the reference run's histogram, wait for the histogram store), then retry. Meanwhile flags can still be set by hand and the stage signed off.
      </p>
      {!canRetry ? (
        <p className="muted">A shifter or an expert can retry these comparisons.</p>
      ) : asking ? (
        <RetryForm runNumber={runNumber} stage={failed.stage} fetcher={fetcher} onCancel={() => setAsking(false)} />
      ) : (
        <button type="button" className="primary" onClick={() => setAsking(true)} disabled={fetcher.state !== "idle"}>Retry comparisons</button>
      )}
    </div>
  );
}

/** The failed stages' boxes and the last retry's outcome (one retry at a time from this page). */
export function ComparisonRetries({ runNumber, failed, canRetry }: { runNumber: number; failed: readonly FailedStage[]; canRetry: boolean }) {
  const fetcher = useFetcher<ActionResult>();
  const outcome = fetcher.state === "idle" ? fetcher.data : undefined;
  return (
    <>
      {outcome && !outcome.ok ? <div role="alert" className="notice error">Retry refused: {plainMessage(outcome.error)}</div> : null}
      {outcome?.ok && outcome.key === "comparison-failed" ? <div role="alert" className="notice warn-note">{sentence(outcome.message)}</div> : null}
      {outcome?.ok && outcome.key !== "comparison-failed" ? <div role="status" className="notice ok">{sentence(outcome.message)}</div> : null}
      {failed.map((f) => <FailedStageBox key={`${f.stage}|${outcome?.ok ? outcome.message : ""}`} runNumber={runNumber} failed={f} canRetry={canRetry} fetcher={fetcher} />)}
    </>
  );
}
