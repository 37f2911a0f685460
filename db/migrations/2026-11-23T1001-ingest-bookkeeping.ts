import { type Kysely, sql } from "kysely";

/** Ingest bookkeeping (one row per file attempt outcome) and ML4DQM per-lumisection histograms. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("ingest_file")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('dqm-root','ml4dqm-csv','oms-json','oms-csv','generated')`))
    .addColumn("run_number", "integer")
    .addColumn("dataset_name", "text")
    .addColumn("version", "integer")
    .addColumn("checksum", "text", (c) => c.notNull())
    .addColumn("size_bytes", "bigint", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull().check(sql`outcome in ('ingested','failed')`))
    .addColumn("points", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("skipped", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("message", "text")
    .addColumn("workflow_id", "text")
    .addColumn("ingested_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("ingest_file_run_dataset_idx").on("ingest_file").columns(["run_number", "dataset_name"]).execute();
  await db.schema.createIndex("ingest_file_path_idx").on("ingest_file").column("path").execute();

  await db.schema
    .createTable("ls_histogram")
    .addColumn("me_name", "text", (c) => c.notNull())
    .addColumn("run_number", "integer", (c) => c.notNull())
    .addColumn("ls_number", "integer", (c) => c.notNull().check(sql`ls_number >= 1`))
    .addColumn("x_min", "double precision", (c) => c.notNull())
    .addColumn("x_max", "double precision", (c) => c.notNull())
    .addColumn("contents", sql`double precision[]`, (c) => c.notNull())
    .addColumn("entries", "double precision", (c) => c.notNull())
    .addColumn("golden", "boolean", (c) => c.notNull())
    .addColumn("dcs", "boolean")
    .addColumn("ingest_file_id", "integer", (c) => c.references("ingest_file.id").onDelete("set null"))
    .addPrimaryKeyConstraint("ls_histogram_pk", ["me_name", "run_number", "ls_number"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("ls_histogram").execute();
  await db.schema.dropTable("ingest_file").execute();
}
