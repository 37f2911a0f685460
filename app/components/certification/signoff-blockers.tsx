/**
 * What keeps a stage from being signed off, each with its fix in place: a BAD range a person
 * left without a comment gets a comment box (saved as a new version of the same flag), and
 * lumisections without a status open the flag form on exactly that range.
 */
import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { SignoffBlocker } from "../../../server/certification/flags";
import { MIN_BAD_COMMENT } from "../../../server/certification/flags";
import type { ActionResult } from "../../lib/action-result";

/** The run page's flag form, opened on one component's range. */
export function rangeLink(runNumber: number, dataset: string, b: { component: string; firstLs: number; lastLs: number }): string {
  const q = new URLSearchParams({ dataset, component: b.component, first: String(b.firstLs), last: String(b.lastLs) });
  return `/runs/${runNumber}?${q.toString()}#flags`;
}

function CommentInPlace({ runNumber, dataset, b }: { runNumber: number; dataset: string; b: SignoffBlocker }) {
  const fetcher = useFetcher<ActionResult>();
  const [requestId, setRequestId] = useState("");
  useEffect(() => setRequestId(`ui-${crypto.randomUUID()}`), [fetcher.data]);
  const label = `Comment for ${b.component} LS ${b.firstLs}–${b.lastLs}`;
  return (
    <fetcher.Form method="post" action={`/runs/${runNumber}`} className="inline-fix" aria-label={`Add a comment to ${b.component} ${b.firstLs}–${b.lastLs}`}>
      <input type="hidden" name="intent" value="editFlag" />
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="dataset" value={dataset} />
      <input type="hidden" name="component" value={b.component} />
      <input type="hidden" name="firstLs" value={b.firstLs} />
      <input type="hidden" name="lastLs" value={b.lastLs} />
      <input type="hidden" name="status" value={b.status} />
      <input type="hidden" name="cause" value={b.cause} />
      <input name="comment" aria-label={label} placeholder="why is it BAD?" minLength={MIN_BAD_COMMENT} required />
      <button type="submit" disabled={!requestId || fetcher.state !== "idle"}>Save comment</button>
      {fetcher.data && !fetcher.data.ok ? <span role="alert" className="notice error">{fetcher.data.error}</span> : null}
      {fetcher.data?.ok ? <span role="status" className="notice ok">comment saved</span> : null}
    </fetcher.Form>
  );
}

export function SignoffBlockers({ runNumber, dataset, stage, blockers, canEdit }: { runNumber: number; dataset: string; stage: string; blockers: readonly SignoffBlocker[]; canEdit: boolean }) {
  if (blockers.length === 0) return null;
  return (
    <div className="blockers" role="group" aria-label={`What blocks the ${stage} sign-off`}>
      <p><strong>The {stage} sign-off waits for {blockers.length === 1 ? "one thing" : `${blockers.length} things`}:</strong></p>
      <ul>
        {blockers.map((b) => (
          <li key={`${b.kind}-${b.component}-${b.firstLs}`}>
            {b.kind === "needs-comment" ? (
              <>
                <span>{b.component} LS {b.firstLs}–{b.lastLs} is BAD without a comment (version {b.changeId ?? "—"}).</span>
                {canEdit ? <CommentInPlace runNumber={runNumber} dataset={dataset} b={b} /> : null}
              </>
            ) : (
              <span>{b.component} LS {b.firstLs}–{b.lastLs} has no status.</span>
            )}{" "}
            <Link to={rangeLink(runNumber, dataset, b)}>Open LS {b.firstLs}–{b.lastLs} of {b.component}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
