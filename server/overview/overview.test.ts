import { describe, expect, it } from "vitest";
import { ALARM_KEY_PATTERN, auditAlarmKey, comparisonAlarmKey, stageOfAuditKey } from "./alarm-key";
import { countByStage, runPhase } from "./run-progress";

describe("run phases", () => {
  it("puts the workflow's statuses where a shifter expects them", () => {
    expect(runPhase("online", "waiting-data")).toBe("in-progress");
    expect(runPhase("online", "comparing")).toBe("in-progress");
    expect(runPhase("express", "awaiting-signoff")).toBe("awaiting-signoff");
    expect(runPhase("online", "comparison-failed")).toBe("awaiting-signoff");
    expect(runPhase("prompt", "reopened")).toBe("awaiting-signoff");
    expect(runPhase("express", "calibration-gate")).toBe("awaiting-calibration");
    expect(runPhase("express", "calibration-timeout")).toBe("in-progress");
    // A stage completed before the last one is followed by the next stage: still in flight.
    expect(runPhase("online", "completed")).toBe("in-progress");
    expect(runPhase("prompt", "completed")).toBe("done");
    expect(runPhase("prompt", "certified")).toBe("done");
    expect(runPhase("reprocessing", "reprocessing:ReReco1")).toBe("in-progress");
    expect(runPhase("reprocessing", "completed")).toBe("done");
  });

  it("counts runs per stage, every stage listed", () => {
    const counts = countByStage([
      { stage: "online", certStatus: "awaiting-signoff", n: 3 },
      { stage: "online", certStatus: "comparing", n: 2 },
      { stage: "express", certStatus: "calibration-gate", n: 4 },
      { stage: "prompt", certStatus: "completed", n: 7 },
    ]);
    expect(counts).toEqual([
      { stage: "online", inFlight: 5, awaitingSignoff: 3, awaitingCalibration: 0 },
      { stage: "express", inFlight: 4, awaitingSignoff: 0, awaitingCalibration: 4 },
      { stage: "prompt", inFlight: 0, awaitingSignoff: 0, awaitingCalibration: 0 },
      { stage: "reprocessing", inFlight: 0, awaitingSignoff: 0, awaitingCalibration: 0 },
    ]);
  });
});

describe("alarm keys", () => {
  it("name comparison and audit alarms and are accepted by the API's pattern", () => {
    const k = comparisonAlarmKey(306134, "/ZeroBias/Run2017E-09Aug2019_UL2017-v1/DQMIO");
    expect(k).toBe("comparison-error:306134:/ZeroBias/Run2017E-09Aug2019_UL2017-v1/DQMIO");
    expect(auditAlarmKey(42)).toBe("audit:42");
    for (const ok of [k, "audit:42"]) expect(ALARM_KEY_PATTERN.test(ok)).toBe(true);
    for (const bad of ["audit:", "audit:x", "comparison-error:abc:online", "comparison-error:12:", "drop table"]) expect(ALARM_KEY_PATTERN.test(bad)).toBe(false);
  });

  it("reads the stage out of a workflow step's audit key", () => {
    expect(stageOfAuditKey("certify-run-306134/online/escalation")).toBe("online");
    expect(stageOfAuditKey("certify-run-306134-reprocessing-ReReco1/reprocessing/awaiting-signoff")).toBe("reprocessing");
    expect(stageOfAuditKey("request-abc")).toBeNull();
    expect(stageOfAuditKey("certify-run-1/notastage/x")).toBeNull();
  });
});
