import { type Kysely, sql } from "kysely";

/**
 * `trend_run`: what a trend needs to know about each of a series' runs, one row per dataset,
 * kept in series order by its index, so a trend reads its runs without joining `dataset` with
 * `run` and sorting nine aggregates per request (issue 15, item 2).
 *
 * The rows are maintained by triggers in the writing statement's own transaction, so every
 * writer of the summarised columns keeps it exact without knowing about it: ingest (a new run
 * and dataset), the OMS import and file (run times, fill, luminosity, `provisional`), the Run
 * Registry import and writes (run class, `significant`), test and bench seeding. The triggers
 * are statement-level with transition tables: a bulk insert of 1,000 datasets is one insert.
 *
 * - dataset insert: the new datasets' rows, with their run's columns;
 * - dataset update (a rename of its primary dataset or processing string): its row again;
 * - run update (including `insert … on conflict do update`): the runs' datasets' rows;
 * - dataset or run delete: the foreign key's cascade removes the rows.
 *
 * The trigger functions name `trend_run` unqualified, so a scratch schema first on the
 * search_path (the benchmarks') keeps its own copy.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table trend_run (
      dataset_id integer primary key references dataset (id) on delete cascade,
      primary_dataset text not null,
      processing_string text not null,
      run_number integer not null,
      start_ms double precision not null,
      fill_number integer,
      duration_s integer,
      delivered_lumi double precision,
      recorded_lumi double precision,
      ls_count integer,
      significant boolean not null
    )`.execute(db);
  await sql`create index trend_run_series on trend_run (primary_dataset, processing_string, run_number)
      include (dataset_id, start_ms, fill_number, duration_s, delivered_lumi, recorded_lumi, ls_count, significant)`.execute(db);
  // For the run-update trigger's join.
  await sql`create index trend_run_run on trend_run (run_number)`.execute(db);

  await sql`create function trend_run_dataset_inserted() returns trigger language plpgsql as $$
    begin
      insert into trend_run
        select d.id, d.primary_dataset, d.processing_string, d.run_number, extract(epoch from r.start_time) * 1000,
               r.fill_number, r.duration_s, r.delivered_lumi, r.recorded_lumi, r.ls_count, r.significant
        from new_rows d join run r on r.run_number = d.run_number;
      return null;
    end $$`.execute(db);
  await sql`create function trend_run_dataset_updated() returns trigger language plpgsql as $$
    begin
      update trend_run t set primary_dataset = d.primary_dataset, processing_string = d.processing_string, run_number = d.run_number,
               start_ms = extract(epoch from r.start_time) * 1000, fill_number = r.fill_number, duration_s = r.duration_s,
               delivered_lumi = r.delivered_lumi, recorded_lumi = r.recorded_lumi, ls_count = r.ls_count, significant = r.significant
        from new_rows d join run r on r.run_number = d.run_number
        where t.dataset_id = d.id;
      return null;
    end $$`.execute(db);
  await sql`create function trend_run_run_updated() returns trigger language plpgsql as $$
    begin
      update trend_run t set start_ms = extract(epoch from r.start_time) * 1000, fill_number = r.fill_number, duration_s = r.duration_s,
               delivered_lumi = r.delivered_lumi, recorded_lumi = r.recorded_lumi, ls_count = r.ls_count, significant = r.significant
        from new_rows r
        where t.run_number = r.run_number
          and (t.start_ms, t.fill_number, t.duration_s, t.delivered_lumi, t.recorded_lumi, t.ls_count, t.significant)
              is distinct from (extract(epoch from r.start_time) * 1000, r.fill_number, r.duration_s, r.delivered_lumi, r.recorded_lumi, r.ls_count, r.significant);
      return null;
    end $$`.execute(db);
  await sql`create trigger trend_run_dataset_inserted after insert on dataset referencing new table as new_rows
      for each statement execute function trend_run_dataset_inserted()`.execute(db);
  await sql`create trigger trend_run_dataset_updated after update on dataset referencing new table as new_rows
      for each statement execute function trend_run_dataset_updated()`.execute(db);
  await sql`create trigger trend_run_run_updated after update on run referencing new table as new_rows
      for each statement execute function trend_run_run_updated()`.execute(db);

  await sql`insert into trend_run
      select d.id, d.primary_dataset, d.processing_string, d.run_number, extract(epoch from r.start_time) * 1000,
             r.fill_number, r.duration_s, r.delivered_lumi, r.recorded_lumi, r.ls_count, r.significant
      from dataset d join run r on r.run_number = d.run_number`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger trend_run_run_updated on run`.execute(db);
  await sql`drop trigger trend_run_dataset_updated on dataset`.execute(db);
  await sql`drop trigger trend_run_dataset_inserted on dataset`.execute(db);
  await sql`drop function trend_run_run_updated()`.execute(db);
  await sql`drop function trend_run_dataset_updated()`.execute(db);
  await sql`drop function trend_run_dataset_inserted()`.execute(db);
  await sql`drop table trend_run`.execute(db);
}
