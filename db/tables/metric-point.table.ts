import type { Insertable, Selectable } from "kysely";

/** One HDQM trend point (TimescaleDB hypertable on `time` = run start). */
export interface MetricPointTable {
  time: Date;
  run_number: number;
  dataset_id: number;
  metric_id: number;
  value: number;
  error: number;
}

export type MetricPoint = Selectable<MetricPointTable>;
export type NewMetricPoint = Insertable<MetricPointTable>;
