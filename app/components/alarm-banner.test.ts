import { describe, expect, it } from "vitest";
import type { ShiftAlarm } from "../lib/alarm-api";
import { groupByRun } from "./alarm-banner";

const alarm = (key: string, runNumber: number, kind: ShiftAlarm["kind"], raisedAt: string): ShiftAlarm => ({ key, kind, runNumber, stage: "online", dataset: null, title: key, detail: "", raisedAt, acknowledged: null });

describe("alarms per run", () => {
  it("puts a run's alarms together, counted per cause, the run with the newest alarm first", () => {
    const groups = groupByRun([
      alarm("a", 100, "comparison-error", "2026-12-01T10:00:00Z"),
      alarm("b", 200, "deadline-missed", "2026-12-01T11:00:00Z"),
      alarm("c", 100, "deadline-missed", "2026-12-01T12:00:00Z"),
      alarm("d", 100, "comparison-error", "2026-12-01T09:00:00Z"),
    ]);
    expect(groups.map((g) => g.runNumber)).toEqual([100, 200]);
    expect(groups[0]!.causes).toEqual([
      { kind: "comparison-error", count: 2 },
      { kind: "deadline-missed", count: 1 },
    ]);
    expect(groups[0]!.alarms.map((a) => a.key)).toEqual(["a", "d", "c"]);
    expect(groups[0]!.latest).toBe("2026-12-01T12:00:00Z");
  });
});
