import { type Kysely, sql } from "kysely";

/**
 * HDQM storage: metric definitions, the metric-point hypertable, the histograms kept for
 * display and comparison, and trend-check alarms.
 *
 * Chunk interval of metric_point: 30 days. A data-taking year is ~5,000 runs × ~500 metrics ×
 * 1–3 datasets, i.e. 2.5–7.5 M points over ~8 months, so a chunk holds ~0.3–1 M rows
 * (~30–90 MB with its indexes): the indexes of the chunk being written stay in memory, a
 * whole-season trend touches ~10 chunks (cheap planning and ordered append), and retention
 * with drop_chunks works at month granularity. Smaller chunks (7 d) would multiply the chunks
 * a season query plans over by four for no gain in insert speed at this volume.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("metric_definition")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("subsystem", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull().check(sql`name ~ '^[A-Za-z0-9_+-]+$'`))
    .addColumn("plot_title", "text", (c) => c.notNull())
    .addColumn("y_title", "text", (c) => c.notNull())
    .addColumn("me_paths", sql`text[]`, (c) => c.notNull())
    .addColumn("function", "text", (c) => c.notNull())
    .addColumn("params", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("checks", "jsonb")
    .addColumn("config_file", "text", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("metric_definition_subsystem_name_uq", ["subsystem", "name"])
    .execute();

  // No foreign keys on the hypertable: they would be checked per row on the bulk path. Points
  // are only written and deleted together with their dataset by server/ingest.
  await db.schema
    .createTable("metric_point")
    .addColumn("time", "timestamptz", (c) => c.notNull())
    .addColumn("run_number", "integer", (c) => c.notNull())
    .addColumn("dataset_id", "integer", (c) => c.notNull())
    .addColumn("metric_id", "integer", (c) => c.notNull())
    .addColumn("value", "double precision", (c) => c.notNull())
    .addColumn("error", "double precision", (c) => c.notNull())
    .execute();
  await sql`select create_hypertable('metric_point', by_range('time', interval '30 days'), create_default_indexes => false)`.execute(db);
  // One point per (metric, dataset, run): a re-ingest replaces, never duplicates. Leading on
  // metric so a trend (one metric, many runs) is one index range per chunk.
  await sql`create unique index metric_point_key on metric_point (metric_id, dataset_id, run_number, time)`.execute(db);
  // Re-ingest deletes a dataset's points before writing the new ones.
  await sql`create index metric_point_dataset_idx on metric_point (dataset_id)`.execute(db);

  await db.schema
    .createTable("stored_histogram")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("dataset_id", "integer", (c) => c.notNull().references("dataset.id").onDelete("cascade"))
    .addColumn("run_number", "integer", (c) => c.notNull())
    .addColumn("me_path", "text", (c) => c.notNull())
    .addColumn("histogram", "jsonb", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("stored_histogram_dataset_me_uq", ["dataset_id", "me_path"])
    .execute();

  await db.schema
    .createTable("trend_alarm")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("metric_id", "integer", (c) => c.notNull().references("metric_definition.id").onDelete("cascade"))
    .addColumn("dataset_id", "integer", (c) => c.notNull().references("dataset.id").onDelete("cascade"))
    .addColumn("run_number", "integer", (c) => c.notNull())
    .addColumn("check_kind", "text", (c) => c.notNull().check(sql`check_kind in ('expectedRange','withinSigma')`))
    .addColumn("value", "double precision", (c) => c.notNull())
    .addColumn("expected_low", "double precision")
    .addColumn("expected_high", "double precision")
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("trend_alarm_uq", ["metric_id", "dataset_id", "check_kind"])
    .execute();
  await db.schema.createIndex("trend_alarm_run_idx").on("trend_alarm").column("run_number").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("trend_alarm").execute();
  await db.schema.dropTable("stored_histogram").execute();
  await db.schema.dropTable("metric_point").execute();
  await db.schema.dropTable("metric_definition").execute();
}
