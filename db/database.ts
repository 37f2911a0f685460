/**
 * The database schema as Kysely sees it: one interface per table, merged into `Database`.
 * Each feature adds its tables in its own `db/tables/*.table.ts` file and lists them here.
 */
import type { DatasetTable } from "./tables/dataset.table";
import type { LumisectionTable } from "./tables/lumisection.table";
import type { RunTable } from "./tables/run.table";
import type { ShortLinkTable } from "./tables/short-link.table";

export interface Database {
  short_link: ShortLinkTable;
  run: RunTable;
  lumisection: LumisectionTable;
  dataset: DatasetTable;
}
