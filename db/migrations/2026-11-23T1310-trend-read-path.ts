import { type Kysely, sql } from "kysely";

/**
 * The trend read path.
 *
 * 1. The unique point index also carries value and error, so a trend is an index-only scan:
 *    points are written run by run, so one metric's 5,000 points sit on ~5,000 heap pages and
 *    fetching them was most of a series query (EXPLAIN: 5,053 buffers, bitmap heap scans).
 * 2. Every statement that changes what a trend shows (points, metric definitions, runs,
 *    datasets, lumisections) sends `NOTIFY hdqm_data`. Notifications are delivered when the
 *    writing transaction commits, never before, so server/hdqm/trend-cache.ts can keep answers
 *    until the data under them changes.
 */
const NOTIFYING_TABLES = ["metric_point", "metric_definition", "run", "dataset", "lumisection"] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create unique index metric_point_key_covering on metric_point (metric_id, dataset_id, run_number, time) include (value, error)`.execute(db);
  await sql`drop index metric_point_key`.execute(db);
  await sql`alter index metric_point_key_covering rename to metric_point_key`.execute(db);

  await sql`create function hdqm_data_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('hdqm_data', tg_table_name);
      return null;
    end $$`.execute(db);
  for (const table of NOTIFYING_TABLES) {
    await sql`create trigger ${sql.raw(`${table}_notify_hdqm`)} after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function hdqm_data_changed()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of NOTIFYING_TABLES) await sql`drop trigger ${sql.raw(`${table}_notify_hdqm`)} on ${sql.table(table)}`.execute(db);
  await sql`drop function hdqm_data_changed()`.execute(db);
  await sql`create unique index metric_point_key_plain on metric_point (metric_id, dataset_id, run_number, time)`.execute(db);
  await sql`drop index metric_point_key`.execute(db);
  await sql`alter index metric_point_key_plain rename to metric_point_key`.execute(db);
}
