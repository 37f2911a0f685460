import type { ColumnType, Generated, Selectable } from "kysely";

type Json<T> = ColumnType<T, string, string>;
type CreatedAt = ColumnType<Date, Date | undefined, never>;

/** A version of a golden-JSON rule set (JSON-logic); a locked version refuses new versions of its name. */
export interface GoldenRuleTable {
  name: string;
  version: number;
  logic: Json<unknown>;
  dataset_pattern: string;
  locked: Generated<boolean>;
  created_by: string;
  created_at: CreatedAt;
}

/** A computed golden JSON with everything needed to reproduce and judge it. */
export interface GoldenJsonTable {
  id: Generated<number>;
  rule_name: string;
  rule_version: number;
  dataset_pattern: string;
  /** The query that selected runs and datasets (run range, pattern), to reproduce it. */
  query: Json<unknown>;
  golden: Json<Record<string, [number, number][]>>;
  anti_golden: Json<Record<string, [number, number][]>>;
  lumi_kept: number;
  lumi_lost: number;
  loss_by_rule: Json<{ rule: string; lumi: number; exclusiveLumi: number }[]>;
  tag: string | null;
  official: Generated<boolean>;
  /** Idempotency: the workflow that computed it. */
  workflow_id: string;
  created_by: string;
  created_at: CreatedAt;
}

export type GoldenRule = Selectable<GoldenRuleTable>;
export type GoldenJson = Selectable<GoldenJsonTable>;
