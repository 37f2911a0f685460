/**
 * Principal component analysis of row vectors: eigen-decomposition of the sample covariance
 * (divisor n − 1, as numpy.cov and sklearn's PCA). Components are unit vectors ordered by
 * decreasing variance; each is signed so that its largest-magnitude coefficient is positive,
 * which makes the decomposition reproducible (the sign of an eigenvector is arbitrary).
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { MlError } from "./errors";

export interface Pca {
  readonly mean: Float64Array;
  /** `components[j]` is the j-th principal axis (length = input dimension). */
  readonly components: readonly Float64Array[];
  /** Variance along each component (eigenvalues of the covariance). */
  readonly variances: Float64Array;
  /** Sum of all eigenvalues, so explained-variance fractions can be reported. */
  readonly totalVariance: number;
}

export function fitPca(rows: readonly Float64Array[], nComponents: number): Pca {
  const n = rows.length;
  const first = rows[0];
  if (!first || n < 2) throw new MlError("no-training-data", `PCA needs at least 2 rows, got ${n}`);
  const d = first.length;
  if (!Number.isInteger(nComponents) || nComponents < 1 || nComponents > d) throw new MlError("bad-parameter", `PCA components must be 1..${d}`);
  const mean = new Float64Array(d);
  for (const r of rows) for (let j = 0; j < d; j++) mean[j] = (mean[j] ?? 0) + (r[j] ?? 0) / n;
  const sums = new Float64Array(d * d);
  const centred = new Float64Array(d);
  for (const r of rows) {
    for (let j = 0; j < d; j++) centred[j] = (r[j] ?? 0) - (mean[j] ?? 0);
    for (let a = 0; a < d; a++) {
      const ca = centred[a] ?? 0;
      if (ca === 0) continue;
      for (let b = a; b < d; b++) sums[a * d + b] = (sums[a * d + b] ?? 0) + ca * (centred[b] ?? 0);
    }
  }
  const cov = Matrix.zeros(d, d);
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      const v = (sums[a * d + b] ?? 0) / (n - 1);
      cov.set(a, b, v);
      cov.set(b, a, v);
    }
  }
  const evd = new EigenvalueDecomposition(cov, { assumeSymmetric: true });
  const values = evd.realEigenvalues;
  const vectors = evd.eigenvectorMatrix;
  const order = values.map((_, i) => i).sort((i, j) => (values[j] ?? 0) - (values[i] ?? 0));
  const components: Float64Array[] = [];
  const variances = new Float64Array(nComponents);
  for (let c = 0; c < nComponents; c++) {
    const idx = order[c] ?? 0;
    const v = Float64Array.from(vectors.getColumn(idx));
    let big = 0;
    for (let j = 0; j < d; j++) if (Math.abs(v[j] ?? 0) > Math.abs(v[big] ?? 0)) big = j;
    if ((v[big] ?? 0) < 0) for (let j = 0; j < d; j++) v[j] = -(v[j] ?? 0);
    components.push(v);
    variances[c] = Math.max(0, values[idx] ?? 0);
  }
  const totalVariance = values.reduce((s, v) => s + Math.max(0, v), 0);
  return { mean, components, variances, totalVariance };
}

/** Coordinates of x along the principal axes. */
export function project(pca: Pca, x: Float64Array): Float64Array {
  const z = new Float64Array(pca.components.length);
  pca.components.forEach((v, c) => {
    let s = 0;
    for (let j = 0; j < v.length; j++) s += ((x[j] ?? 0) - (pca.mean[j] ?? 0)) * (v[j] ?? 0);
    z[c] = s;
  });
  return z;
}

/** Squared prediction error (Q statistic): ‖x − reconstruction‖² with the kept components. */
export function squaredResidual(pca: Pca, x: Float64Array): number {
  const z = project(pca, x);
  let q = 0;
  for (let j = 0; j < pca.mean.length; j++) {
    let rec = pca.mean[j] ?? 0;
    for (let c = 0; c < z.length; c++) rec += (z[c] ?? 0) * (pca.components[c]?.[j] ?? 0);
    const r = (x[j] ?? 0) - rec;
    q += r * r;
  }
  return q;
}
