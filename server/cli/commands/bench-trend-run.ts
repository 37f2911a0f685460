/**
 * The trend benchmarks' scratch schema gets its own `trend_run` (migration 2026-12-01T1300):
 * created LIKE the real one, with the foreign key and the same three triggers on the scratch
 * `run` and `dataset`, before seeding, so seeding and the benchmarks' ingest keep it as the
 * product's writers do. The trigger functions are the real ones; they name `trend_run`
 * unqualified, and the scratch connections put the scratch schema first on their search_path.
 */
import { sql } from "kysely";
import type { Db } from "../../../db/pool";
import { BENCH_SCHEMA } from "./bench-support";

export async function addScratchTrendRun(db: Db, schema = BENCH_SCHEMA): Promise<void> {
  const t = (name: string) => sql.raw(`${schema}.${name}`);
  await sql`create table ${t("trend_run")} (like public.trend_run including defaults including constraints including indexes)`.execute(db);
  await sql`alter table ${t("trend_run")} add foreign key (dataset_id) references ${t("dataset")} (id) on delete cascade`.execute(db);
  await sql`create trigger trend_run_dataset_inserted after insert on ${t("dataset")} referencing new table as new_rows
      for each statement execute function public.trend_run_dataset_inserted()`.execute(db);
  await sql`create trigger trend_run_dataset_updated after update on ${t("dataset")} referencing new table as new_rows
      for each statement execute function public.trend_run_dataset_updated()`.execute(db);
  await sql`create trigger trend_run_run_updated after update on ${t("run")} referencing new table as new_rows
      for each statement execute function public.trend_run_run_updated()`.execute(db);
}
