import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

/** A metric as configured in config/metrics/, mirrored here so points can refer to it by id. */
export interface MetricDefinitionTable {
  id: Generated<number>;
  subsystem: string;
  name: string;
  plot_title: string;
  y_title: string;
  /** ME paths tried in order (HDQM relativePath). */
  me_paths: string[];
  function: string;
  params: ColumnType<unknown, string, string>;
  /** Trend checks (TrendCheck) or null. */
  checks: ColumnType<unknown, string | null, string | null>;
  config_file: string;
  updated_at: Generated<Date>;
}

export type MetricDefinitionRow = Selectable<MetricDefinitionTable>;
export type NewMetricDefinitionRow = Insertable<MetricDefinitionTable>;
