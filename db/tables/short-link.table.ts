import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

/** A shareable short code for any view of the app (`/s/<code>` → the full URL path). */
export interface ShortLinkTable {
  code: string;
  path: string;
  created_by: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  hits: Generated<number>;
}

export type ShortLink = Selectable<ShortLinkTable>;
export type NewShortLink = Insertable<ShortLinkTable>;
