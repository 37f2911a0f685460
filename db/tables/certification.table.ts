import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { Stage } from "./dataset.table";

type CreatedAt = ColumnType<Date, Date | undefined, never>;

/** One run's certification as its workflow last reported it (the board reads this). */
export interface CertRunTable {
  run_number: number;
  run_class: string;
  /** Run Registry's run state: OPEN, SIGNOFF, COMPLETED. */
  state: string;
  stage: Stage;
  /** Where the workflow is: waiting-data, comparing, awaiting-signoff, calibration-gate, failed-comparison, done… */
  cert_status: string;
  workflow_id: string;
  ls_count: number;
  /** Why the last stage's comparisons failed, shown on the board. */
  last_error: string | null;
  /** Certifiable components of the configuration the run's workflow started with (null: rows written before they were kept). */
  components: string[] | null;
  updated_at: Generated<Date>;
}

/** A dataset's state in one workspace ("global" or a subsystem's). */
export interface CertDatasetTable {
  run_number: number;
  dataset_name: string;
  stage: Stage;
  workspace: string;
  state: string;
  frozen: Generated<boolean>;
  updated_at: Generated<Date>;
}

/** Every version of every component flag; never updated, an undo is a new row. */
export interface CertFlagTable {
  id: Generated<number>;
  run_number: number;
  dataset_name: string;
  component: string;
  first_ls: number;
  last_ls: number;
  status: string;
  cause: string;
  comment: string;
  origin_kind: string;
  origin_name: string;
  undo_of: number | null;
  created_by: string;
  created_at: CreatedAt;
  /** Set for writes a retry may repeat (automatic flags): workflow id and step. */
  idempotency_key: string | null;
}

/** A stage's comparison results, one row per (ME, test); a rerun replaces them. */
export interface CertComparisonTable {
  run_number: number;
  stage: Stage;
  dataset_name: string;
  me_path: string;
  test: string;
  reference_run: number | null;
  statistic: number | null;
  p_value: number | null;
  score: number | null;
  status: string;
  message: string | null;
  created_at: CreatedAt;
}

export interface CertCalibrationTable {
  run_number: number;
  workflow: string;
  status: string;
  updated_at: Generated<Date>;
}

export interface CertNotificationTable {
  idempotency_key: string;
  run_number: number;
  kind: string;
  endpoint: string | null;
  outcome: string;
  http_status: number | null;
  attempts: number;
  sent_at: CreatedAt;
}

/** The reference run experts chose for a run class (overrides the configured default). */
export interface CertReferenceTable {
  run_class: string;
  reference_run: number;
  updated_by: string;
  updated_at: Generated<Date>;
}

/** Histograms certification compares, until HDQM storage serves them (see server/certification/histogram-source.ts). */

export type CertRun = Selectable<CertRunTable>;
export type NewCertRun = Insertable<CertRunTable>;
export type CertFlag = Selectable<CertFlagTable>;
export type NewCertFlag = Insertable<CertFlagTable>;
export type CertComparison = Selectable<CertComparisonTable>;
