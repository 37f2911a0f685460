import type { Generated, Insertable, Selectable } from "kysely";
import type { ModelJson } from "../../server/ml/model-json";

/** Versioned anomaly models, one version sequence per (monitor element, model kind). */
export interface MlModelTable {
  id: Generated<number>;
  me_name: string;
  kind: string;
  version: number;
  /** The serialised model (server/ml/model-json.ts), including thresholds. */
  model: ModelJson;
  training_set: ModelJson["trainingSet"];
  params: ModelJson["params"];
  validation: ModelJson["validation"] & { thresholds: ModelJson["thresholds"] };
  workflow_id: string | null;
  created_at: Generated<Date>;
}

export type MlModelRow = Selectable<MlModelTable>;
export type NewMlModelRow = Insertable<MlModelTable>;
