import type { Generated, Insertable, Selectable } from "kysely";

export const trendCheckKinds = ["expectedRange", "withinSigma"] as const;
export type TrendCheckKind = (typeof trendCheckKinds)[number];

/** A failed trend check of one metric point. */
export interface TrendAlarmTable {
  id: Generated<number>;
  metric_id: number;
  dataset_id: number;
  run_number: number;
  check_kind: TrendCheckKind;
  value: number;
  expected_low: number | null;
  expected_high: number | null;
  message: string;
  created_at: Generated<Date>;
}

export type TrendAlarm = Selectable<TrendAlarmTable>;
export type NewTrendAlarm = Insertable<TrendAlarmTable>;
