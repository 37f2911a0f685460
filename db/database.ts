/**
 * The database schema as Kysely sees it: one interface per table, merged into `Database`.
 * Each feature adds its tables in its own `*.table.ts` file and lists them here.
 */
import type { ShortLinkTable } from "./tables/short-link.table";

export interface Database {
  short_link: ShortLinkTable;
}
