import { type Kysely, sql } from "kysely";

/**
 * One pipeline (issue 10).
 *
 * 1. Certification reads the histograms ingest stores (`stored_histogram`); its own table and
 *    codec go.
 * 2. A DQM file can arrive before OMS has announced its run: ingest then creates the run as
 *    `provisional` (start time from the file, class unknown) and OMS metadata completes it.
 * 3. Online DQM files come one per subsystem (`DQM_V0001_<Subsystem>_R000NNNNNN.root`): a file
 *    replaces only its subsystem's share of the online dataset, so the bookkeeping keeps the
 *    subsystem as the file's `scope` ('' for a whole-dataset harvest file).
 * 4. A run's certifiable components are those of the configuration its workflow started with,
 *    kept on its board row, so flag edits and sign-off readiness never use another configuration.
 * 5. Quality-test results that CMSSW wrote into the file (`<me>.qr=st:…` strings) are kept with
 *    the dataset, beside dqmflow's own comparison results.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("cert_histogram").execute();
  await db.schema.alterTable("run").addColumn("provisional", "boolean", (c) => c.notNull().defaultTo(false)).execute();
  await db.schema.alterTable("cert_run").addColumn("components", sql`text[]`).execute();
  await db.schema.alterTable("ingest_file").addColumn("scope", "text", (c) => c.notNull().defaultTo("")).execute();
  await db.schema
    .createTable("file_quality_result")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("dataset_id", "integer", (c) => c.notNull().references("dataset.id").onDelete("cascade"))
    .addColumn("run_number", "integer", (c) => c.notNull())
    .addColumn("me_path", "text", (c) => c.notNull())
    .addColumn("test", "text", (c) => c.notNull())
    .addColumn("status", "integer", (c) => c.notNull())
    .addColumn("result", "double precision")
    .addColumn("algorithm", "text")
    .addColumn("message", "text", (c) => c.notNull().defaultTo(""))
    .addUniqueConstraint("file_quality_result_uq", ["dataset_id", "me_path", "test"])
    .execute();
  await db.schema.createIndex("file_quality_result_run_idx").on("file_quality_result").column("run_number").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("file_quality_result").execute();
  await db.schema.alterTable("ingest_file").dropColumn("scope").execute();
  await db.schema.alterTable("cert_run").dropColumn("components").execute();
  await db.schema.alterTable("run").dropColumn("provisional").execute();
  await db.schema
    .createTable("cert_histogram")
    .addColumn("run_number", "integer", (c) => c.notNull())
    .addColumn("dataset_name", "text", (c) => c.notNull())
    .addColumn("me_path", "text", (c) => c.notNull())
    .addColumn("payload", "jsonb", (c) => c.notNull())
    .addPrimaryKeyConstraint("cert_histogram_pk", ["run_number", "dataset_name", "me_path"])
    .execute();
}
