import { type Kysely, sql } from "kysely";

/**
 * Scoped trend-cache invalidation (issue 15, item 2, second part).
 *
 * Until now every statement on a trend table sent `NOTIFY hdqm_data, '<table>'` and the trend
 * cache emptied itself; during an ingest (tens of commits a second) nearly every trend request
 * was a first view. Now:
 *
 * 1. A writer that knows which series it changes says so inside its transaction,
 *    `set_config('dqmflow.trend_scope', '["<primary dataset>","<processing string>"]', true)`
 *    (server/ingest/trend-scope.ts); the statement triggers on metric_point, run, dataset and
 *    lumisection then send `scope ["<pd>","<ps>"]` instead of the table name, and the cache drops
 *    only that series' answers (and those not tied to one series, such as the selection tree).
 *    Hypertables have no transition tables, so the scope cannot be read from the rows changed.
 *    Every other writer sets nothing and keeps the full flush.
 * 2. `metric_definition` notifies (a full flush) only when a row was inserted or deleted or a
 *    column a trend shows changed, so ingest's upsert of unchanged definitions flushes nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create or replace function hdqm_data_changed() returns trigger language plpgsql as $$
    declare
      scope text := current_setting('dqmflow.trend_scope', true);
    begin
      if scope is not null and scope <> '' and tg_table_name = any(array['metric_point', 'run', 'dataset', 'lumisection']) then
        perform pg_notify('hdqm_data', 'scope ' || scope);
      else
        perform pg_notify('hdqm_data', tg_table_name);
      end if;
      return null;
    end $$`.execute(db);

  await sql`drop trigger metric_definition_notify_hdqm on metric_definition`.execute(db);
  await sql`create function hdqm_definitions_inserted() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from new_rows) then perform pg_notify('hdqm_data', 'metric_definition'); end if;
      return null;
    end $$`.execute(db);
  await sql`create function hdqm_definitions_updated() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from new_rows n join old_rows o on o.id = n.id
                 where (n.subsystem, n.name, n.plot_title, n.y_title) is distinct from (o.subsystem, o.name, o.plot_title, o.y_title))
         or (select count(*) from new_rows) <> (select count(*) from old_rows) then
        perform pg_notify('hdqm_data', 'metric_definition');
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger metric_definition_inserted_notify_hdqm after insert on metric_definition referencing new table as new_rows
      for each statement execute function hdqm_definitions_inserted()`.execute(db);
  await sql`create trigger metric_definition_updated_notify_hdqm after update on metric_definition referencing old table as old_rows new table as new_rows
      for each statement execute function hdqm_definitions_updated()`.execute(db);
  await sql`create trigger metric_definition_notify_hdqm after delete or truncate on metric_definition
      for each statement execute function hdqm_data_changed()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger metric_definition_notify_hdqm on metric_definition`.execute(db);
  await sql`drop trigger metric_definition_updated_notify_hdqm on metric_definition`.execute(db);
  await sql`drop trigger metric_definition_inserted_notify_hdqm on metric_definition`.execute(db);
  await sql`drop function hdqm_definitions_updated()`.execute(db);
  await sql`drop function hdqm_definitions_inserted()`.execute(db);
  await sql`create trigger metric_definition_notify_hdqm after insert or update or delete or truncate on metric_definition
      for each statement execute function hdqm_data_changed()`.execute(db);
  await sql`create or replace function hdqm_data_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('hdqm_data', tg_table_name);
      return null;
    end $$`.execute(db);
}
