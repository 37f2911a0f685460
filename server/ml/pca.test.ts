import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fitPca, squaredResidual } from "./pca";
import { preprocess } from "./preprocess";
import { mainDiagonalRows } from "./test-data";

// Independent reference: numpy eigh of np.cov, written by vectors/pca_vectors.py.
const ref = JSON.parse(readFileSync(new URL("./vectors/pca.json", import.meta.url), "utf8")) as {
  rows: [number, number][];
  mean: number[];
  variances: number[];
  components: number[][];
  totalVariance: number;
  residuals3: number[];
};

describe("PCA against numpy", () => {
  const byKey = new Map(mainDiagonalRows().map((r) => [`${r.run}:${r.lumi}`, r]));
  const shapes = ref.rows.map(([run, lumi]) => {
    const row = byKey.get(`${run}:${lumi}`);
    if (!row) throw new Error(`row ${run}:${lumi} missing`);
    return preprocess(row.histogram, { dropUnderOverflow: false }).shape;
  });
  const pca = fitPca(shapes, 5);

  it("has numpy's mean, variances and total variance", () => {
    pca.mean.forEach((m, j) => expect(m).toBeCloseTo(ref.mean[j] ?? NaN, 12));
    pca.variances.forEach((v, c) => expect(v / (ref.variances[c] ?? NaN)).toBeCloseTo(1, 8));
    expect(pca.totalVariance / ref.totalVariance).toBeCloseTo(1, 8);
  });

  it("has numpy's components (same sign convention)", () => {
    pca.components.forEach((v, c) => v.forEach((x, j) => expect(x).toBeCloseTo(ref.components[c]?.[j] ?? NaN, 6)));
  });

  it("has numpy's reconstruction error with 3 components", () => {
    const pca3 = fitPca(shapes, 3);
    ref.residuals3.forEach((q, i) => expect(squaredResidual(pca3, shapes[i] as Float64Array) / q).toBeCloseTo(1, 6));
  });

  it("rejects impossible component counts", () => {
    expect(() => fitPca(shapes, 0)).toThrow(/components/);
    expect(() => fitPca([shapes[0] as Float64Array], 1)).toThrow(/at least 2/);
  });
});
