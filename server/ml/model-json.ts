/**
 * Serialisation of an AnomalyModel to plain JSON (files written by `dqmflow ml train`, the
 * `ml_model.model` column) and back, validated by zod so a corrupt or foreign file fails
 * with a clear message instead of producing nonsense scores.
 */
import { z } from "zod";
import type { AnomalyModel } from "./anomaly-model";
import { MlError } from "./errors";

export const MODEL_FORMAT = "dqmflow-anomaly-model/1";

const finite = z.number();
const preprocessing = { dropUnderOverflow: z.boolean() };
const paramsSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("pca"), components: z.number().int().positive(), ...preprocessing }),
  z.object({ kind: z.literal("latent-knn"), components: z.number().int().positive(), neighbours: z.number().int().positive(), useEntries: z.boolean(), ...preprocessing }),
]);

const intervalSchema = z.object({ auc: finite, low: finite.nullable(), high: finite.nullable(), level: finite, replicates: z.number().int() });

export const modelJsonSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  me: z.string(),
  binning: z.object({ nbins: z.number().int().positive(), min: finite, max: finite }),
  params: paramsSchema,
  pca: z.object({ mean: z.array(finite), components: z.array(z.array(finite)), variances: z.array(finite), totalVariance: finite }),
  reference: z.object({ dim: z.number().int().positive(), points: z.array(finite), entriesCentre: finite, entriesScale: finite }).optional(),
  thresholds: z.array(z.object({ falseAlarmRate: finite, threshold: finite, observedRate: finite, validationCount: z.number().int() })),
  trainingSet: z.object({ me: z.string(), source: z.string(), selection: z.string(), rows: z.number().int(), runs: z.number().int(), firstRun: z.number().int(), lastRun: z.number().int() }),
  validation: z.object({
    folds: z.number().int(),
    seed: z.number().int(),
    goodScored: z.number().int(),
    goodScoreQuantiles: z.tuple([finite, finite, finite]),
    roc: intervalSchema.extend({ positives: z.number().int(), negatives: z.number().int() }).optional(),
  }),
  trainedAt: z.string(),
});

export type ModelJson = z.infer<typeof modelJsonSchema>;

/** NaN (an interval that was not computed) is not JSON; it is stored as null. */
const orNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function modelToJson(m: AnomalyModel): ModelJson {
  const roc = m.validation.roc;
  return {
    format: MODEL_FORMAT,
    me: m.me,
    binning: { ...m.binning },
    params: { ...m.model.params },
    pca: {
      mean: Array.from(m.model.pca.mean),
      components: m.model.pca.components.map((c) => Array.from(c)),
      variances: Array.from(m.model.pca.variances),
      totalVariance: m.model.pca.totalVariance,
    },
    ...(m.model.reference ? { reference: { ...m.model.reference, points: Array.from(m.model.reference.points) } } : {}),
    thresholds: m.thresholds.map((t) => ({ ...t })),
    trainingSet: { ...m.trainingSet },
    validation: {
      ...m.validation,
      goodScoreQuantiles: [...m.validation.goodScoreQuantiles],
      ...(roc ? { roc: { ...roc, low: orNull(roc.low), high: orNull(roc.high) } } : {}),
    },
    trainedAt: m.trainedAt,
  };
}

export function modelFromJson(json: unknown): AnomalyModel {
  const parsed = modelJsonSchema.safeParse(json);
  if (!parsed.success) throw new MlError("bad-model", `not a ${MODEL_FORMAT} model: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const j = parsed.data;
  const d = j.pca.mean.length;
  if (j.pca.components.length !== j.params.components || j.pca.components.some((c) => c.length !== d) || j.pca.variances.length !== j.params.components) {
    throw new MlError("bad-model", "PCA arrays do not match the model's dimensions");
  }
  if (j.params.kind === "latent-knn" && (!j.reference || j.reference.points.length % j.reference.dim !== 0)) throw new MlError("bad-model", "latent-knn model without valid reference points");
  const roc = j.validation.roc;
  return {
    me: j.me,
    binning: j.binning,
    model: {
      params: j.params,
      pca: { mean: Float64Array.from(j.pca.mean), components: j.pca.components.map((c) => Float64Array.from(c)), variances: Float64Array.from(j.pca.variances), totalVariance: j.pca.totalVariance },
      ...(j.reference ? { reference: { ...j.reference, points: Float64Array.from(j.reference.points) } } : {}),
    },
    thresholds: j.thresholds,
    trainingSet: j.trainingSet,
    validation: {
      folds: j.validation.folds,
      seed: j.validation.seed,
      goodScored: j.validation.goodScored,
      goodScoreQuantiles: j.validation.goodScoreQuantiles,
      ...(roc ? { roc: { ...roc, low: roc.low ?? NaN, high: roc.high ?? NaN } } : {}),
    },
    trainedAt: j.trainedAt,
  };
}
