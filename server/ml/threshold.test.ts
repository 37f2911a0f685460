import { describe, expect, it } from "vitest";
import { isAlarm, thresholdForFalseAlarmRate } from "./threshold";

describe("thresholds for a target false-alarm rate", () => {
  const good = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100

  it("allows ⌊α n⌋ good scores above the threshold", () => {
    expect(thresholdForFalseAlarmRate(good, 0.05)).toEqual({ falseAlarmRate: 0.05, threshold: 95, observedRate: 0.05, validationCount: 100 });
    expect(thresholdForFalseAlarmRate(good, 0.01).threshold).toBe(99);
    // 0.001 × 100 < 1: no good score may alarm, so the threshold is the maximum.
    expect(thresholdForFalseAlarmRate(good, 0.001)).toMatchObject({ threshold: 100, observedRate: 0 });
  });

  it("does not exceed the target with ties at the threshold", () => {
    const t = thresholdForFalseAlarmRate([1, 2, 3, 3, 3, 3, 3, 3, 3, 3], 0.5);
    expect(t.threshold).toBe(3);
    expect(t.observedRate).toBe(0);
  });

  it("alarms strictly above the threshold", () => {
    expect(isAlarm(95, { threshold: 95 })).toBe(false);
    expect(isAlarm(95.01, { threshold: 95 })).toBe(true);
  });

  it("rejects an empty validation set and rates outside (0, 1)", () => {
    expect(() => thresholdForFalseAlarmRate([], 0.01)).toThrow(/no validation/);
    expect(() => thresholdForFalseAlarmRate(good, 1)).toThrow(/rate/);
  });
});
