import type { Generated, Insertable, Selectable } from "kysely";

export const stages = ["online", "express", "prompt", "reprocessing"] as const;
export type Stage = (typeof stages)[number];

/**
 * Data of one run from one processing, e.g. `/ZeroBias/Run2017E-09Aug2019_UL2017-v1/DQMIO`
 * (primary dataset / processing string / tier); the online dataset is named `online`.
 */
export interface DatasetTable {
  id: Generated<number>;
  run_number: number;
  name: string;
  primary_dataset: string;
  processing_string: string;
  stage: Stage;
  created_at: Generated<Date>;
}

export type Dataset = Selectable<DatasetTable>;
export type NewDataset = Insertable<DatasetTable>;
