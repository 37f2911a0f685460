/**
 * Out-of-fold anomaly scores: for each run-grouped fold, a model is fitted on the good
 * lumisections of the other folds and scores every lumisection of this one. These scores are
 * what thresholds and ROC figures are computed from, so they never come from a model that saw
 * the run.
 */
import type { Ml4dqmRow } from "../histograms/from-ml4dqm-csv";
import { groupFolds } from "./cross-validation";
import { fitModel, scorePrepared, type ModelParams } from "./model";
import { preprocess, type Prepared } from "./preprocess";

/** Good training data as the issue defines it: in the golden JSON with DCS on. */
export function isGoodForTraining(row: Pick<Ml4dqmRow, "golden" | "dcs">): boolean {
  return row.golden && row.dcs;
}

export interface OutOfFoldScores {
  readonly scores: Float64Array;
  readonly empty: Uint8Array;
  readonly folds: Int32Array;
}

export function outOfFoldScores(rows: readonly Ml4dqmRow[], params: ModelParams, opts: { folds: number; seed: number }): OutOfFoldScores {
  const prepared: Prepared[] = rows.map((r) => preprocess(r.histogram, params));
  const folds = groupFolds(
    rows.map((r) => r.run),
    opts.folds,
    opts.seed,
  );
  const scores = new Float64Array(rows.length);
  for (let f = 0; f < opts.folds; f++) {
    const train = prepared.filter((p, i) => folds[i] !== f && !p.empty && isGoodForTraining(rows[i] as Ml4dqmRow));
    const model = fitModel(params, train);
    prepared.forEach((p, i) => {
      if (folds[i] === f) scores[i] = scorePrepared(model, p);
    });
  }
  return { scores, empty: Uint8Array.from(prepared, (p) => (p.empty ? 1 : 0)), folds };
}
