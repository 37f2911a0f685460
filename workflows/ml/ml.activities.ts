/**
 * Anomaly-model activities: train and store a new model version, and score a run's
 * lumisections with the current model (certification stages call this one).
 */
import { Context } from "@temporalio/activity";
import { ApplicationFailure } from "@temporalio/common";
import type { Db } from "../../db/pool";
import { trainAnomalyModel } from "../../server/ml/anomaly-model";
import { MlError } from "../../server/ml/errors";
import { readMl4dqmFile } from "../../server/ml/load-rows";
import { lsHistogramRows } from "../../server/ml/ls-histogram-rows";
import { DEFAULT_PARAMS, type ModelKind, type ModelParams } from "../../server/ml/model";
import { insertModelVersion } from "../../server/ml/model-repository";
import type { Threshold } from "../../server/ml/threshold";

export interface TrainModelInput {
  readonly me: string;
  /** An ML4DQM CSV path readable by the worker, or the ingested `ls_histogram` table. */
  readonly source: { readonly csv: string } | { readonly table: "ls_histogram" };
  readonly kind?: ModelKind;
  /** Overrides of the kind's default parameters. */
  readonly params?: Partial<Omit<ModelParams, "kind">>;
  readonly seed?: number;
}

export interface TrainModelResult {
  readonly id: number;
  readonly me: string;
  readonly kind: ModelKind;
  readonly version: number;
  readonly trainingRows: number;
  readonly validationAuc: number | null;
  readonly thresholds: readonly Threshold[];
}

/** Domain failures will not go away on retry; everything else (database, I/O) may. */
function nonRetryable(err: unknown): never {
  if (err instanceof MlError) throw ApplicationFailure.nonRetryable(err.message, `MlError:${err.code}`);
  throw err;
}

export function createMlActivities({ db }: { db: Db }) {
  return {
    async mlTrainModel(input: TrainModelInput): Promise<TrainModelResult> {
      try {
        const kind = input.kind ?? "latent-knn";
        const params = { ...DEFAULT_PARAMS[kind], ...input.params, kind } as ModelParams;
        const rows = "csv" in input.source ? await readMl4dqmFile(input.source.csv, input.me) : await lsHistogramRows(db, input.me);
        const source = "csv" in input.source ? input.source.csv : "table ls_histogram";
        const model = trainAnomalyModel(rows, { me: input.me, source, params, seed: input.seed ?? 1 });
        const { id, version } = await insertModelVersion(db, model, Context.current().info.workflowExecution?.workflowId ?? null);
        return { id, me: input.me, kind, version, trainingRows: model.trainingSet.rows, validationAuc: model.validation.roc?.auc ?? null, thresholds: model.thresholds };
      } catch (err) {
        return nonRetryable(err);
      }
    },
  };
}
