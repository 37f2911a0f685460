import type { ColumnType, Generated, Selectable } from "kysely";

/** A histogram kept for display and comparison (the ME a metric was computed from). */
export interface StoredHistogramTable {
  id: Generated<number>;
  dataset_id: number;
  run_number: number;
  me_path: string;
  /** The Histogram model encoded by server/ingest/histogram-codec.ts. */
  histogram: ColumnType<unknown, string, string>;
  created_at: Generated<Date>;
}

export type StoredHistogramRow = Selectable<StoredHistogramTable>;
