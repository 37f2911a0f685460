import { describe, expect, it } from "vitest";
import { autoFlags } from "./auto-flags";
import { calibrationMissing, calibrationReady, initialCalibrationState } from "./calibration";
import { coverageSummary } from "./coverage";
import { CertificationRuleError, TransitionError } from "./errors";
import { activeChanges, effectiveFlags, type FlagChange, type FlagInput, originLabel, signoffBlockers, signoffReadiness, validateFlag } from "./flags";
import { meaningOf, progressWord, progressWords } from "./vocabulary";
import { allowedRunTransitions, assertDatasetTransition, assertRunTransition } from "./states";

let nextId = 1;
function change(f: Partial<FlagInput> & { firstLs: number; lastLs: number }, undoOf: number | null = null): FlagChange {
  return { component: "tracker-pixel", status: "GOOD", cause: "", comment: "", origin: { kind: "person", name: "alice" }, createdBy: "alice", createdAt: new Date(0), ...f, id: nextId++, undoOf };
}

describe("run and dataset state machines", () => {
  it("lets shifters move forward and only experts back, listing what is allowed", () => {
    expect(() => assertRunTransition("OPEN", "SIGNOFF", "shifter")).not.toThrow();
    expect(() => assertRunTransition("SIGNOFF", "OPEN", "shifter")).toThrow(/needs the expert role; allowed from SIGNOFF for a shifter: COMPLETED/);
    expect(() => assertRunTransition("SIGNOFF", "OPEN", "expert")).not.toThrow();
    expect(() => assertRunTransition("OPEN", "COMPLETED", "admin")).toThrow(/is not a transition; allowed from OPEN for a admin: SIGNOFF/);
    expect(allowedRunTransitions("COMPLETED", "expert")).toEqual(["SIGNOFF", "OPEN"]);
    expect(() => assertDatasetTransition("waiting dqm gui", "SIGNOFF", "shifter")).toThrow(TransitionError);
  });

  it("refuses SIGNOFF while a certifiable component has lumisections without a status", () => {
    expect(() => assertRunTransition("OPEN", "SIGNOFF", "shifter", { componentsWithoutStatus: ["dt-dt"] })).toThrow(/without a status in dt-dt/);
  });
});

describe("component flags", () => {
  const comps = ["tracker-pixel", "dt-dt"];

  it("shows unflagged lumisections as UNKNOWN and lets a newer flag crop an older one", () => {
    const a = change({ firstLs: 1, lastLs: 10, status: "GOOD" });
    const b = change({ firstLs: 4, lastLs: 6, status: "BAD", comment: "noisy module" });
    const eff = effectiveFlags([a, b], comps, 12).filter((r) => r.component === "tracker-pixel");
    expect(eff.map((r) => [r.firstLs, r.lastLs, r.status, r.changeId])).toEqual([
      [1, 3, "GOOD", a.id],
      [4, 6, "BAD", b.id],
      [7, 10, "GOOD", a.id],
      [11, 12, "UNKNOWN", null],
    ]);
    expect(effectiveFlags([], comps, 3).map((r) => r.status)).toEqual(["UNKNOWN", "UNKNOWN"]);
  });

  it("undo is a new version that restores what was there, and can itself be undone", () => {
    const a = change({ firstLs: 1, lastLs: 5, status: "GOOD" });
    const b = change({ firstLs: 1, lastLs: 5, status: "STANDBY" });
    const undoB = change({ firstLs: 1, lastLs: 5, status: "STANDBY" }, b.id);
    expect(activeChanges([a, b, undoB]).map((c) => c.id)).toEqual([a.id]);
    expect(effectiveFlags([a, b, undoB], ["tracker-pixel"], 5)[0]?.status).toBe("GOOD");
    const redo = change({ firstLs: 1, lastLs: 5, status: "STANDBY" }, undoB.id);
    expect(effectiveFlags([a, b, undoB, redo], ["tracker-pixel"], 5)[0]?.status).toBe("STANDBY");
  });

  it("validates components, ranges and BAD comments", () => {
    const ok: FlagInput = { component: "dt-dt", firstLs: 1, lastLs: 3, status: "GOOD", cause: "", comment: "", origin: { kind: "person", name: "x" } };
    expect(() => validateFlag(ok, 3, comps)).not.toThrow();
    expect(() => validateFlag({ ...ok, component: "nope-x" }, 3, comps)).toThrow(/unknown component 'nope-x'; known: tracker-pixel, dt-dt/);
    expect(() => validateFlag({ ...ok, lastLs: 4 }, 3, comps)).toThrow(/past the run's last lumisection 3/);
    expect(() => validateFlag({ ...ok, firstLs: 3, lastLs: 2 }, 3, comps)).toThrow(CertificationRuleError);
    expect(() => validateFlag({ ...ok, status: "BAD", comment: "ab" }, 3, comps)).toThrow(/at least 3 characters/);
  });

  it("sign-off readiness counts unknown lumisections and BAD ranges without comment", () => {
    const eff = effectiveFlags([change({ firstLs: 1, lastLs: 8, status: "BAD" }), change({ component: "dt-dt", firstLs: 1, lastLs: 5, status: "NOTSET" })], comps, 10);
    expect(signoffReadiness(eff, comps)).toEqual({ unknownLs: { "tracker-pixel": 2, "dt-dt": 10 }, badWithoutComment: { "tracker-pixel": 1, "dt-dt": 0 } });
  });

  it("never counts an automatic BAD flag as lacking a comment, even one stored without any", () => {
    const auto = change({ firstLs: 1, lastLs: 10, status: "BAD", comment: "", origin: { kind: "rule", name: "strip-shapes" } });
    const person = change({ component: "dt-dt", firstLs: 1, lastLs: 10, status: "BAD", comment: "", origin: { kind: "person", name: "alice" } });
    expect(signoffReadiness(effectiveFlags([auto, person], comps, 10), comps).badWithoutComment).toEqual({ "tracker-pixel": 0, "dt-dt": 1 });
    expect(originLabel(auto.origin)).toBe("auto:strip-shapes");
    expect(originLabel(person.origin)).toBe("alice");
    expect(originLabel({ kind: "dcs", name: "beam-present" })).toBe("dcs:beam-present");
  });

  it("lists each blocking range with what fixes it", () => {
    const legacy = change({ firstLs: 1, lastLs: 4, status: "BAD", comment: "" });
    const auto = change({ component: "dt-dt", firstLs: 1, lastLs: 6, status: "BAD", comment: "", origin: { kind: "rule", name: "dt-shape" } });
    expect(signoffBlockers(effectiveFlags([legacy, auto], comps, 6))).toEqual([
      { kind: "needs-comment", component: "tracker-pixel", firstLs: 1, lastLs: 4, changeId: legacy.id, status: "BAD", cause: "" },
      { kind: "no-status", component: "tracker-pixel", firstLs: 5, lastLs: 6, changeId: null, status: "UNKNOWN", cause: "" },
    ]);
  });

  it("coverage summary weighs lumisections and recorded luminosity", () => {
    const eff = effectiveFlags([change({ firstLs: 1, lastLs: 2, status: "GOOD" }), change({ firstLs: 3, lastLs: 3, status: "BAD", comment: "dead" })], ["tracker-pixel"], 4);
    const lumi = new Map([[1, 1], [2, 1], [3, 2], [4, 0]]);
    const [c] = coverageSummary(eff, ["tracker-pixel"], lumi);
    expect(c?.lumisections).toEqual({ good: 0.5, bad: 0.25, other: 0, unknown: 0.25 });
    expect(c?.luminosity).toEqual({ good: 0.5, bad: 0.5, other: 0, unknown: 0 });
  });
});

describe("automatic flags from comparison results", () => {
  const rule = { name: "pixel-shapes", component: "tracker-pixel", match: ["Pixel/**"], onError: "BAD" as const, onPass: "GOOD" as const };
  it("flags BAD on any ERROR, GOOD when all pass, nothing when no result decides", () => {
    expect(autoFlags([rule], [{ mePath: "Pixel/a", test: "chi2", status: "OK" }, { mePath: "Pixel/b", test: "ks", status: "ERROR" }], 20)).toEqual([
      { component: "tracker-pixel", firstLs: 1, lastLs: 20, status: "BAD", cause: "ks ERROR on Pixel/b", comment: "auto:pixel-shapes: ks ERROR on Pixel/b", origin: { kind: "rule", name: "pixel-shapes" } },
    ]);
    expect(autoFlags([rule], [{ mePath: "Pixel/a", test: "chi2", status: "WARNING" }], 5)[0]?.status).toBe("GOOD");
    expect(autoFlags([rule], [{ mePath: "Pixel/a", test: "chi2", status: "DID_NOT_RUN" }, { mePath: "DT/x", test: "chi2", status: "ERROR" }], 5)).toEqual([]);
  });

  it("keeps the comment within the comment limit when many MEs fail", () => {
    const many = Array.from({ length: 400 }, (_, i) => ({ mePath: `Pixel/module_${i}/occupancy`, test: "chi2", status: "ERROR" as const }));
    const [flag] = autoFlags([rule], many, 5);
    expect(flag?.comment.length).toBe(2_000);
    expect(flag?.comment.startsWith("auto:pixel-shapes: chi2 ERROR on Pixel/module_0/occupancy")).toBe(true);
  });
});

describe("one vocabulary of states", () => {
  it("shows run and dataset states in the workflow's words, each explained", () => {
    expect(["waiting dqm gui", "OPEN", "SIGNOFF", "COMPLETED"].map(progressWord)).toEqual(["waiting-data", "open", "signed-off", "completed"]);
    expect(progressWord("awaiting-signoff")).toBe("awaiting-signoff");
    expect(meaningOf("SIGNOFF")).toMatch(/signed the stage off/);
    expect(meaningOf("reprocessing:ReReco1")).toMatch(/reprocessing campaign/);
    expect(new Set(progressWords.map((w) => w.word)).size).toBe(progressWords.length);
  });
});

describe("calibration readiness", () => {
  it("is ready only when every calibration is done", () => {
    const s = initialCalibrationState(["BeamSpot", "SiStripGains"]);
    expect(calibrationReady(s)).toBe(false);
    s.BeamSpot = "done";
    expect(calibrationMissing(s)).toEqual(["SiStripGains"]);
    s.SiStripGains = "done";
    expect(calibrationReady(s)).toBe(true);
  });
});
