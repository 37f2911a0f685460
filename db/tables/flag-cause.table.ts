import type { ColumnType, Generated, Selectable } from "kysely";

/** A standard cause of a component's flags; a rename or retirement never edits the text (db/migrations/2026-12-01T1600-flag-causes.ts). */
export interface FlagCauseTable {
  id: Generated<number>;
  component: string;
  cause: string;
  active: Generated<boolean>;
  created_by: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  retired_by: string | null;
  retired_at: Date | null;
  replaced_by: number | null;
}

export type FlagCauseRow = Selectable<FlagCauseTable>;
