/**
 * The two models of normal shapes and their anomaly scores (higher = more anomalous):
 *
 * - `pca`: the ML4DQM baseline. Score = squared reconstruction error (Q / SPE) of the unit-area
 *   shape from its first principal components.
 * - `latent-knn`: distance to the k-th nearest good training histogram in a small feature
 *   space: the shape's whitened principal-component coordinates (Mahalanobis metric within
 *   the PCA subspace, cf. Hotelling's T²) plus log(1 + entries) standardised by its median and
 *   MAD. A k-NN distance is a density estimate (Loftsgaarden & Quesenberry 1965), so the score
 *   follows the several modes good data has (fills, pile-up periods) instead of assuming one
 *   Gaussian cloud, and the entries coordinate catches rate anomalies that shape hides.
 */
import { MlError } from "./errors";
import { fitPca, project, squaredResidual, type Pca } from "./pca";
import type { Prepared, PreprocessOptions } from "./preprocess";

export type ModelKind = "pca" | "latent-knn";

export interface PcaParams extends PreprocessOptions {
  readonly kind: "pca";
  readonly components: number;
}

export interface LatentKnnParams extends PreprocessOptions {
  readonly kind: "latent-knn";
  readonly components: number;
  /** Which neighbour's distance is the score (1 = nearest). */
  readonly neighbours: number;
  /** Append the standardised log(1 + entries) coordinate. */
  readonly useEntries: boolean;
}

export type ModelParams = PcaParams | LatentKnnParams;

/** Defaults chosen by run-grouped cross-validation on MainDiagonal Position (BENCHMARKS.md). */
export const DEFAULT_PARAMS: { readonly [K in ModelKind]: Extract<ModelParams, { kind: K }> } = {
  pca: { kind: "pca", components: 3, dropUnderOverflow: false },
  "latent-knn": { kind: "latent-knn", components: 5, neighbours: 5, useEntries: true, dropUnderOverflow: false },
};

export interface LatentReference {
  /** Training points in latent space, row-major, `dim` numbers each. */
  readonly points: Float64Array;
  readonly dim: number;
  readonly entriesCentre: number;
  readonly entriesScale: number;
}

export interface FittedModel {
  readonly params: ModelParams;
  readonly pca: Pca;
  /** Present for `latent-knn`. */
  readonly reference?: LatentReference;
}

function median(values: Float64Array): number {
  const s = Float64Array.from(values).sort();
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? 0) : 0.5 * ((s[m - 1] ?? 0) + (s[m] ?? 0));
}

function latent(pca: Pca, ref: Pick<LatentReference, "entriesCentre" | "entriesScale">, p: Prepared, useEntries: boolean, out: Float64Array): void {
  const z = project(pca, p.shape);
  for (let c = 0; c < z.length; c++) out[c] = (z[c] ?? 0) / Math.sqrt(Math.max(pca.variances[c] ?? 0, 1e-300));
  if (useEntries) out[z.length] = (Math.log1p(p.entries) - ref.entriesCentre) / ref.entriesScale;
}

/** Fits a model on prepared good histograms (empty ones must be left out by the caller). */
export function fitModel(params: ModelParams, train: readonly Prepared[]): FittedModel {
  if (train.length <= params.components) throw new MlError("no-training-data", `${train.length} training histograms are too few for ${params.components} components`);
  const pca = fitPca(
    train.map((p) => p.shape),
    params.components,
  );
  if (params.kind === "pca") return { params, pca };
  if (params.neighbours < 1 || params.neighbours > train.length) throw new MlError("bad-parameter", `neighbours must be 1..${train.length}`);
  const logs = Float64Array.from(train, (p) => Math.log1p(p.entries));
  const entriesCentre = median(logs);
  const mad = median(logs.map((v) => Math.abs(v - entriesCentre)));
  // 1.4826·MAD estimates σ for Gaussian data; fall back to 1 when all counts are equal.
  const entriesScale = mad > 0 ? 1.4826 * mad : 1;
  const dim = params.components + (params.useEntries ? 1 : 0);
  const points = new Float64Array(train.length * dim);
  const row = new Float64Array(dim);
  train.forEach((p, i) => {
    latent(pca, { entriesCentre, entriesScale }, p, params.useEntries, row);
    points.set(row, i * dim);
  });
  return { params, pca, reference: { points, dim, entriesCentre, entriesScale } };
}

/** Distance to the k-th nearest reference point (brute force: a few thousand points). */
function kthNeighbourDistance(ref: LatentReference, x: Float64Array, k: number): number {
  const best = new Float64Array(k).fill(Infinity);
  const n = ref.points.length / ref.dim;
  for (let i = 0; i < n; i++) {
    let d2 = 0;
    const o = i * ref.dim;
    for (let j = 0; j < ref.dim; j++) {
      const t = (x[j] ?? 0) - (ref.points[o + j] ?? 0);
      d2 += t * t;
    }
    if (d2 >= (best[k - 1] ?? Infinity)) continue;
    let at = k - 1;
    while (at > 0 && (best[at - 1] ?? 0) > d2) {
      best[at] = best[at - 1] ?? 0;
      at--;
    }
    best[at] = d2;
  }
  return Math.sqrt(best[k - 1] ?? Infinity);
}

/** The anomaly score of one prepared histogram. */
export function scorePrepared(model: FittedModel, p: Prepared): number {
  const { params, pca } = model;
  if (p.shape.length !== pca.mean.length) throw new MlError("binning-mismatch", `model expects ${pca.mean.length} inputs, histogram gives ${p.shape.length}`);
  if (params.kind === "pca") return squaredResidual(pca, p.shape);
  const ref = model.reference;
  if (!ref) throw new MlError("bad-model", "latent-knn model without reference points");
  const x = new Float64Array(ref.dim);
  latent(pca, ref, p, params.useEntries, x);
  return kthNeighbourDistance(ref, x, params.neighbours);
}
