import { describe, expect, it } from "vitest";
import type { AnomalyModel } from "./anomaly-model";
import { summariseScores } from "./stage-anomaly";

// Only what summariseScores reads: the kind for the label and the thresholds (1 % and 0.1 %).
const model = {
  model: { params: { kind: "latent-knn" } },
  thresholds: [
    { falseAlarmRate: 0.01, threshold: 6, observedRate: 0.01, validationCount: 1000 },
    { falseAlarmRate: 0.001, threshold: 11, observedRate: 0.001, validationCount: 1000 },
  ],
} as unknown as AnomalyModel;
const stored = { version: 3, model };
const ls = (lumi: number, score: number) => ({ lumi, score, empty: false, alarms: [score > 6, score > 11] });

describe("a stage's ml-anomaly result", () => {
  it("is OK when no lumisection passes a threshold", () => {
    const { result, alarmedLumisections } = summariseScores(stored, [ls(1, 1), ls(2, 5.9)]);
    expect(result).toMatchObject({ test: "ml-anomaly", status: "OK", statistic: 5.9, score: 1 });
    expect(alarmedLumisections).toEqual([]);
    expect(result.message).toContain("latent-knn v3");
  });

  it("is WARNING when lumisections pass only the looser threshold, naming them", () => {
    const { result, alarmedLumisections } = summariseScores(stored, [ls(1, 1), ls(2, 7), ls(3, 8), ls(4, 2)]);
    expect(result).toMatchObject({ status: "WARNING", statistic: 8, score: 0.5 });
    expect(alarmedLumisections).toEqual([2, 3]);
    expect(result.message).toContain("2 above the 1% false-alarm threshold 6.000: LS 2, 3");
  });

  it("is ERROR when one passes the strictest threshold", () => {
    const { result } = summariseScores(stored, [ls(1, 12), ls(2, 1)]);
    expect(result).toMatchObject({ status: "ERROR", statistic: 12, score: 0.5 });
    expect(result.message).toContain("1 above the 0.1% threshold 11.00: LS 1");
  });

  it("is NO_DATA without lumisections, saying so", () => {
    const { result } = summariseScores(stored, []);
    expect(result).toMatchObject({ status: "NO_DATA", score: -1 });
    expect(result.message).toBe("no data to score: no lumisection histograms (latent-knn v3)");
  });

  it("does not judge empty lumisections: their huge scores are missing data, not anomalies", () => {
    const empty = (lumi: number) => ({ lumi, score: 99.8, empty: true, alarms: [true, true] });
    const { result, alarmedLumisections } = summariseScores(stored, [ls(1, 1), empty(2), ls(3, 2), empty(4)]);
    expect(result).toMatchObject({ status: "OK", statistic: 2, score: 1 });
    expect(alarmedLumisections).toEqual([]);
    expect(result.message).toContain("2 lumisections scored");
    expect(result.message).toContain("2 empty, not scored");
  });

  it("is NO_DATA when every lumisection is empty", () => {
    const { result } = summariseScores(stored, [{ lumi: 1, score: 99.8, empty: true, alarms: [true, true] }]);
    expect(result).toMatchObject({ status: "NO_DATA" });
    expect(result.message).toContain("all 1 lumisection histograms are empty");
  });
});
