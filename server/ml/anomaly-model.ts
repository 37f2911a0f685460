/**
 * A trained, versionable anomaly model for one monitor element: the fitted model, the binning
 * it accepts, thresholds for target false-alarm rates chosen on out-of-fold scores of good
 * data, and a description of the data it was trained on.
 */
import type { Ml4dqmRow } from "../histograms/from-ml4dqm-csv";
import type { Histogram } from "../histograms/histogram";
import { bootstrapAucByGroup, type AucInterval } from "./bootstrap";
import { MlError } from "./errors";
import { fitModel, scorePrepared, type FittedModel, type ModelParams } from "./model";
import { preprocess } from "./preprocess";
import { rocAuc } from "./roc";
import { isAlarm, thresholdForFalseAlarmRate, type Threshold } from "./threshold";
import { isGoodForTraining, outOfFoldScores } from "./validation";

export interface TrainingSet {
  readonly me: string;
  /** Where the rows came from (a file path or a table). */
  readonly source: string;
  readonly selection: string;
  readonly rows: number;
  readonly runs: number;
  readonly firstRun: number;
  readonly lastRun: number;
}

export interface ValidationFigures {
  readonly folds: number;
  readonly seed: number;
  /** Good lumisections scored out of fold. */
  readonly goodScored: number;
  /** Out-of-fold good-score quantiles (50 %, 90 %, 99 %). */
  readonly goodScoreQuantiles: readonly [number, number, number];
  /** Present when the rows held non-golden DCS-on lumisections to act as positives. */
  readonly roc?: AucInterval & { readonly positives: number; readonly negatives: number };
}

export interface AnomalyModel {
  readonly me: string;
  readonly binning: { readonly nbins: number; readonly min: number; readonly max: number };
  readonly model: FittedModel;
  readonly thresholds: readonly Threshold[];
  readonly trainingSet: TrainingSet;
  readonly validation: ValidationFigures;
  readonly trainedAt: string;
}

export interface TrainOptions {
  readonly me: string;
  readonly source: string;
  readonly params: ModelParams;
  readonly falseAlarmRates?: readonly number[];
  readonly folds?: number;
  readonly seed?: number;
  /** Bootstrap replicates for the validation AUC interval (0 to skip). */
  readonly replicates?: number;
  readonly now?: Date;
}

export const DEFAULT_FALSE_ALARM_RATES = [0.01, 0.001] as const;

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/** Trains on the rows of `opts.me` (good = golden and DCS on), validating by run-grouped CV. */
export function trainAnomalyModel(allRows: readonly Ml4dqmRow[], opts: TrainOptions): AnomalyModel {
  const rows = allRows.filter((r) => r.histogram.name === opts.me && r.dcs);
  const good = rows.filter((r) => isGoodForTraining(r) && r.histogram.contents.some((c) => c > 0));
  const first = good[0];
  if (!first) throw new MlError("no-training-data", `no good (Json and DCSbit) non-empty rows for '${opts.me}'`);
  const binning = { nbins: first.histogram.x.nbins, min: first.histogram.x.min, max: first.histogram.x.max };
  for (const r of rows) {
    if (r.histogram.x.nbins !== binning.nbins || r.histogram.x.min !== binning.min || r.histogram.x.max !== binning.max) {
      throw new MlError("binning-mismatch", `run ${r.run} LS ${r.lumi} of '${opts.me}' has different binning`);
    }
  }
  const runs = [...new Set(good.map((r) => r.run))].sort((a, b) => a - b);
  const folds = Math.min(opts.folds ?? 5, runs.length);
  const seed = opts.seed ?? 1;
  if (folds < 2) throw new MlError("no-training-data", `validation needs good data from at least 2 runs, got ${runs.length}`);

  const oof = outOfFoldScores(rows, opts.params, { folds, seed });
  const goodScores = Float64Array.from(rows.flatMap((r, i) => (isGoodForTraining(r) && !oof.empty[i] ? [oof.scores[i] ?? 0] : []))).sort();
  const thresholds = (opts.falseAlarmRates ?? DEFAULT_FALSE_ALARM_RATES).map((rate) => thresholdForFalseAlarmRate(goodScores, rate));
  const positive = rows.map((r) => !r.golden);
  const positives = positive.filter(Boolean).length;
  const validation: ValidationFigures = {
    folds,
    seed,
    goodScored: goodScores.length,
    goodScoreQuantiles: [quantile(goodScores, 0.5), quantile(goodScores, 0.9), quantile(goodScores, 0.99)],
    ...(positives > 0 && positives < rows.length
      ? {
          roc: {
            ...((opts.replicates ?? 200) > 0
              ? bootstrapAucByGroup(
                  oof.scores,
                  positive,
                  rows.map((r) => r.run),
                  { replicates: opts.replicates ?? 200, seed },
                )
              : { auc: rocAuc(oof.scores, positive), low: NaN, high: NaN, level: 0.95, replicates: 0 }),
            positives,
            negatives: rows.length - positives,
          },
        }
      : {}),
  };

  const model = fitModel(
    opts.params,
    good.map((r) => preprocess(r.histogram, opts.params)),
  );
  return {
    me: opts.me,
    binning,
    model,
    thresholds,
    trainingSet: {
      me: opts.me,
      source: opts.source,
      selection: "Json && DCSbit, entries > 0",
      rows: good.length,
      runs: runs.length,
      firstRun: runs[0] ?? 0,
      lastRun: runs[runs.length - 1] ?? 0,
    },
    validation,
    trainedAt: (opts.now ?? new Date()).toISOString(),
  };
}

export interface HistogramScore {
  readonly score: number;
  /** The histogram had no entries: its shape is undefined and it was scored as all zeros. */
  readonly empty: boolean;
  /** Per threshold (same order as the model's), whether the score raises an alarm. */
  readonly alarms: readonly boolean[];
}

/** Scores one histogram of the model's monitor element. */
export function scoreHistogram(m: AnomalyModel, h: Histogram): HistogramScore {
  if (h.x.nbins !== m.binning.nbins || h.x.min !== m.binning.min || h.x.max !== m.binning.max) {
    throw new MlError("binning-mismatch", `'${h.name}' has ${h.x.nbins} bins on [${h.x.min}, ${h.x.max}], the model expects ${m.binning.nbins} on [${m.binning.min}, ${m.binning.max}]`);
  }
  const p = preprocess(h, m.model.params);
  const score = scorePrepared(m.model, p);
  return { score, empty: p.empty, alarms: m.thresholds.map((t) => isAlarm(score, t)) };
}
