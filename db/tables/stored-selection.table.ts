import type { ColumnType, Selectable } from "kysely";

/** A run selection kept by the hash of its content, so a view's URL carries a code, not the runs. */
export interface StoredSelectionTable {
  code: string;
  kind: "golden";
  body: ColumnType<Record<string, [number, number][]>, string, string>;
  runs: number;
  created_by: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export type StoredSelection = Selectable<StoredSelectionTable>;
