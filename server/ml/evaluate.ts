/**
 * Honest evaluation of anomaly models on labelled lumisections (DCS on; positive = not in the
 * golden JSON): run-grouped cross-validation for out-of-fold scores, ROC AUC with a run
 * bootstrap interval, and the false-alarm and detection rates on unseen runs at thresholds
 * chosen inside each training fold (nested CV), so test runs never influence a threshold.
 */
import type { Ml4dqmRow } from "../histograms/from-ml4dqm-csv";
import { bootstrapAucByGroup, type AucInterval } from "./bootstrap";
import { groupFolds } from "./cross-validation";
import { MlError } from "./errors";
import { fitModel, scorePrepared, type ModelParams } from "./model";
import { preprocess } from "./preprocess";
import { thresholdForFalseAlarmRate } from "./threshold";
import { isGoodForTraining, outOfFoldScores } from "./validation";

export interface EvaluateOptions {
  readonly me: string;
  readonly models: readonly { readonly name: string; readonly params: ModelParams }[];
  readonly folds: number;
  readonly innerFolds: number;
  readonly seed: number;
  readonly replicates: number;
  readonly falseAlarmRates: readonly number[];
}

export interface RateAtThreshold {
  readonly targetFalseAlarmRate: number;
  /** Fraction of test negatives (golden) above their fold's threshold. */
  readonly falseAlarmRate: number;
  /** Fraction of test positives (not golden) above their fold's threshold. */
  readonly detectionRate: number;
}

export interface ModelEvaluation {
  readonly name: string;
  readonly params: ModelParams;
  readonly roc: AucInterval;
  readonly rates: readonly RateAtThreshold[];
  readonly seconds: number;
}

export interface Evaluation {
  readonly me: string;
  readonly lumisections: number;
  readonly positives: number;
  readonly negatives: number;
  readonly runs: number;
  readonly emptyPositives: number;
  readonly folds: number;
  readonly seed: number;
  readonly models: readonly ModelEvaluation[];
}

export function evaluateModels(allRows: readonly Ml4dqmRow[], opts: EvaluateOptions): Evaluation {
  const rows = allRows.filter((r) => r.histogram.name === opts.me && r.dcs);
  const positive = rows.map((r) => !r.golden);
  const positives = positive.filter(Boolean).length;
  if (positives === 0 || positives === rows.length) throw new MlError("no-training-data", `'${opts.me}' needs both golden and non-golden DCS-on rows to evaluate`);
  const runs = rows.map((r) => r.run);
  const folds = groupFolds(runs, opts.folds, opts.seed);
  const models = opts.models.map(({ name, params }): ModelEvaluation => {
    const started = performance.now();
    const oof = outOfFoldScores(rows, params, { folds: opts.folds, seed: opts.seed });
    const roc = bootstrapAucByGroup(oof.scores, positive, runs, { replicates: opts.replicates, seed: opts.seed });
    const alarms = opts.falseAlarmRates.map(() => ({ fp: 0, tp: 0 }));
    for (let f = 0; f < opts.folds; f++) {
      const train = rows.filter((_, i) => folds[i] !== f);
      const inner = outOfFoldScores(train, params, { folds: Math.min(opts.innerFolds, new Set(train.map((r) => r.run)).size), seed: opts.seed + 1 });
      const innerGood = train.flatMap((r, i) => (isGoodForTraining(r) && !inner.empty[i] ? [inner.scores[i] ?? 0] : []));
      const thresholds = opts.falseAlarmRates.map((rate) => thresholdForFalseAlarmRate(innerGood, rate).threshold);
      const model = fitModel(
        params,
        train.filter((r) => isGoodForTraining(r)).map((r) => preprocess(r.histogram, params)).filter((p) => !p.empty),
      );
      rows.forEach((r, i) => {
        if (folds[i] !== f) return;
        const s = scorePrepared(model, preprocess(r.histogram, params));
        thresholds.forEach((t, k) => {
          const a = alarms[k];
          if (!a || s <= t) return;
          if (positive[i]) a.tp++;
          else a.fp++;
        });
      });
    }
    return {
      name,
      params,
      roc,
      rates: opts.falseAlarmRates.map((rate, k) => ({
        targetFalseAlarmRate: rate,
        falseAlarmRate: (alarms[k]?.fp ?? 0) / (rows.length - positives),
        detectionRate: (alarms[k]?.tp ?? 0) / positives,
      })),
      seconds: (performance.now() - started) / 1000,
    };
  });
  return {
    me: opts.me,
    lumisections: rows.length,
    positives,
    negatives: rows.length - positives,
    runs: new Set(runs).size,
    emptyPositives: rows.filter((r, i) => positive[i] && !r.histogram.contents.some((c) => c > 0)).length,
    folds: opts.folds,
    seed: opts.seed,
    models,
  };
}
