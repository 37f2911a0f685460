import { describe, expect, it } from "vitest";
import { bootstrapAucByGroup } from "./bootstrap";
import { groupFolds } from "./cross-validation";
import { rocAuc } from "./roc";

describe("ROC AUC", () => {
  it("is 1 for perfect separation and 0 for perfectly inverted", () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [false, false, true, true])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [false, false, true, true])).toBe(0);
  });

  it("matches a hand count of ordered pairs", () => {
    // positives 0.35, 0.8; negatives 0.1, 0.4, 0.9: pairs won 1 + 2 = 3 of 6.
    expect(rocAuc([0.1, 0.35, 0.4, 0.8, 0.9], [false, true, false, true, false])).toBe(0.5);
    // positives 3, 5; negatives 1, 2, 4: wins 2 + 3 = 5 of 6.
    expect(rocAuc([1, 2, 3, 4, 5], [false, false, true, false, true])).toBeCloseTo(5 / 6, 15);
  });

  it("counts ties as one half", () => {
    // positive 2 vs negatives 1, 2, 3: 1 + 0.5 + 0 = 1.5 of 3.
    expect(rocAuc([1, 2, 2, 3], [false, true, false, false])).toBe(0.5);
    expect(rocAuc([1, 1, 1, 1], [false, true, false, true])).toBe(0.5);
  });

  it("is undefined without both classes", () => {
    expect(rocAuc([1, 2], [true, true])).toBeNaN();
  });
});

describe("run bootstrap and grouped folds", () => {
  const scores = [0.1, 0.2, 0.3, 0.9, 0.15, 0.25, 0.8, 0.05, 0.6, 0.3];
  const labels = [false, false, false, true, false, false, true, false, true, false];
  const runs = [1, 1, 2, 2, 3, 3, 4, 4, 5, 5];

  it("is reproducible for a seed and brackets the point estimate", () => {
    const a = bootstrapAucByGroup(scores, labels, runs, { replicates: 300, seed: 7 });
    const b = bootstrapAucByGroup(scores, labels, runs, { replicates: 300, seed: 7 });
    expect(a).toEqual(b);
    expect(a.auc).toBe(1);
    expect(a.low).toBeLessThanOrEqual(a.auc);
    expect(a.high).toBe(1);
    expect(a.replicates).toBe(300);
  });

  it("never puts one run in two folds, and uses every fold", () => {
    const groups = Array.from({ length: 200 }, (_, i) => 1000 + (i % 23));
    const folds = groupFolds(groups, 5, 3);
    const foldOfRun = new Map<number, number>();
    groups.forEach((g, i) => {
      expect(foldOfRun.get(g) ?? folds[i]).toBe(folds[i]);
      foldOfRun.set(g, folds[i] ?? -1);
    });
    expect(new Set(folds).size).toBe(5);
    expect(() => groupFolds([1, 1, 2], 3, 1)).toThrow(/folds/);
  });
});
