import { describe, expect, it } from "vitest";
import { scoreHistogram, trainAnomalyModel } from "./anomaly-model";
import { DEFAULT_PARAMS } from "./model";
import { modelFromJson, modelToJson } from "./model-json";
import { MAIN_DIAGONAL, mainDiagonalRows, th1 } from "./test-data";

// A small real subset: the first 40 runs (includes the non-golden LS of runs 297048–297286).
const runs = [...new Set(mainDiagonalRows().map((r) => r.run))].slice(0, 40);
const subset = mainDiagonalRows().filter((r) => runs.includes(r.run));
const opts = { me: MAIN_DIAGONAL, source: "test subset", folds: 4, seed: 1, replicates: 50, now: new Date("2026-11-23T12:00:00Z") };

describe.each(["pca", "latent-knn"] as const)("%s model on real MainDiagonal rows", (kind) => {
  const model = trainAnomalyModel(subset, { ...opts, params: DEFAULT_PARAMS[kind] });

  it("trains on golden DCS-on non-empty rows and describes them", () => {
    const good = subset.filter((r) => r.golden && r.dcs && r.histogram.entries > 0);
    expect(model.trainingSet).toMatchObject({ me: MAIN_DIAGONAL, rows: good.length, runs: new Set(good.map((r) => r.run)).size, firstRun: good[0]?.run });
    expect(model.binning).toEqual({ nbins: 100, min: 0, max: 2 });
    expect(model.thresholds.map((t) => t.falseAlarmRate)).toEqual([0.01, 0.001]);
    expect(model.thresholds[0]?.threshold).toBeLessThanOrEqual(model.thresholds[1]?.threshold ?? NaN);
    expect(model.validation.roc?.positives).toBeGreaterThan(0);
  });

  it("scores shifted and empty histograms above typical good ones", () => {
    const good = subset.find((r) => r.golden && r.dcs && r.histogram.entries > 1000);
    if (!good) throw new Error("no good row");
    const typical = scoreHistogram(model, good.histogram).score;
    const c = good.histogram.contents;
    const shifted = { ...good.histogram, contents: Float64Array.from(c, (_, i) => c[Math.max(0, i - 15)] ?? 0) };
    expect(scoreHistogram(model, shifted).score).toBeGreaterThan(typical);
    const empty = scoreHistogram(model, { ...good.histogram, contents: new Float64Array(102), entries: 0 });
    expect(empty.empty).toBe(true);
    expect(empty.score).toBeGreaterThan(model.thresholds[1]?.threshold ?? Infinity);
  });

  it("survives a JSON round trip with identical scores", () => {
    const back = modelFromJson(JSON.parse(JSON.stringify(modelToJson(model))));
    for (const r of subset.slice(0, 20)) expect(scoreHistogram(back, r.histogram).score).toBe(scoreHistogram(model, r.histogram).score);
    expect(back.validation).toEqual(model.validation);
  });
});

describe("training and scoring errors", () => {
  it("refuses a histogram with other binning", () => {
    const model = trainAnomalyModel(subset, { ...opts, params: DEFAULT_PARAMS.pca });
    expect(() => scoreHistogram(model, th1([0, 1, 2, 0]))).toThrow(/bins/);
  });

  it("refuses to train without good rows and rejects a foreign model file", () => {
    expect(() => trainAnomalyModel(subset, { ...opts, me: "NoSuchME", params: DEFAULT_PARAMS.pca })).toThrow(/no good/);
    expect(() => modelFromJson({ format: "other" })).toThrow(/not a dqmflow-anomaly-model/);
  });
});
