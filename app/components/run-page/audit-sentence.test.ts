import { describe, expect, it } from "vitest";
import { auditChanges, auditSentence } from "./audit-sentence";

describe("audit entries as sentences", () => {
  it("says who flagged what, for which lumisections", () => {
    const after = { id: 7, component: "tracker-strip", status: "BAD", firstLs: 1, lastLs: 1689, origin: { kind: "person", name: "ana" } };
    expect(auditSentence({ kind: "flag-edit", actor: "ana", reason: "hole in eta", before: [], after })).toBe("ana set tracker-strip to BAD for LS 1–1689 (“hole in eta”)");
    expect(auditSentence({ kind: "auto-flag", actor: "rule:tracker-strip-shape", reason: "shape-chi2 ERROR on X", before: null, after })).toBe("Rule tracker-strip-shape set tracker-strip to BAD for LS 1–1689: shape-chi2 ERROR on X");
  });

  it("explains a skipped notification instead of quoting its stored outcome", () => {
    const s = auditSentence({ kind: "notification", actor: "system", reason: "ready for prompt reco (ready)", before: null, after: { endpoint: null, outcome: "skipped: no endpoint configured", httpStatus: null } });
    expect(s).toBe("“Ready for prompt reco” not sent: no Tier-0 endpoint is configured here, so there was no one to tell (nothing to do)");
  });

  it("says a sign-off and a comparison failure plainly, without validation wording", () => {
    expect(auditSentence({ kind: "signoff", actor: "dev-shifter", reason: "looks fine", before: { runState: "OPEN" }, after: { stage: "online", runState: "SIGNOFF", dataset: "SIGNOFF" } })).toBe("dev-shifter signed off online (“looks fine”); the run is now SIGNOFF");
    const failed = auditSentence({ kind: "comparison-failed", actor: "system", reason: "run 5 D me: stored histogram is malformed at x: Invalid input: expected object, received undefined", before: null, after: {} });
    expect(failed).toContain("The comparisons could not run: The stored histogram run 5 D me is damaged");
    expect(failed).not.toContain("Invalid input");
  });

  it("says who retried which comparisons and what they fixed", () => {
    expect(auditSentence({ kind: "comparison-retry", actor: "ana", reason: "DQM file re-ingested", before: { status: "comparison-failed" }, after: { stage: "express", status: "comparing", retry: 2 } })).toBe("ana retried the express comparisons (retry 2), having fixed: “DQM file re-ingested”");
  });

  it("falls back to the kind and the reason", () => {
    expect(auditSentence({ kind: "reprocessing-started", actor: "x", reason: "campaign 2026A", before: null, after: null })).toBe("reprocessing started: campaign 2026A");
  });
});

describe("audit diffs", () => {
  it("lists only the fields that changed, nested ones by dotted name", () => {
    expect(auditChanges({ dataset: "OPEN", runState: "SIGNOFF" }, { stage: "prompt", dataset: "SIGNOFF", runState: "SIGNOFF" })).toEqual([
      { field: "dataset", before: "OPEN", after: "SIGNOFF" },
      { field: "stage", before: "—", after: "prompt" },
    ]);
    expect(auditChanges(null, { calibration: { BeamSpot: "done" } })).toEqual([{ field: "calibration.BeamSpot", before: "—", after: "done" }]);
    expect(auditChanges(null, null)).toEqual([]);
  });
});
