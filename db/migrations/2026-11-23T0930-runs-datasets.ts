import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("run")
    .addColumn("run_number", "integer", (c) => c.primaryKey().check(sql`run_number > 0`))
    .addColumn("start_time", "timestamptz", (c) => c.notNull())
    .addColumn("end_time", "timestamptz", (c) => c.check(sql`end_time is null or end_time >= start_time`))
    .addColumn("run_class", "text", (c) => c.notNull().check(sql`run_class in ('Collisions','Cosmics','Commissioning','HeavyIons','Other')`))
    .addColumn("fill_number", "integer")
    .addColumn("b_field", "double precision")
    .addColumn("beam_energy", "double precision")
    .addColumn("delivered_lumi", "double precision", (c) => c.check(sql`delivered_lumi is null or delivered_lumi >= 0`))
    .addColumn("recorded_lumi", "double precision", (c) => c.check(sql`recorded_lumi is null or recorded_lumi >= 0`))
    .addColumn("duration_s", "integer", (c) => c.generatedAlwaysAs(sql`(extract(epoch from (end_time - start_time)))::integer`).stored())
    .addColumn("ls_count", "integer", (c) => c.check(sql`ls_count is null or ls_count >= 0`))
    .addColumn("hlt_key", "text")
    .addColumn("l1_key", "text")
    .addColumn("significant", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("run_start_time_idx").on("run").column("start_time").execute();
  await db.schema.createIndex("run_fill_idx").on("run").column("fill_number").execute();

  await db.schema
    .createTable("lumisection")
    .addColumn("run_number", "integer", (c) => c.notNull().references("run.run_number").onDelete("cascade"))
    .addColumn("ls_number", "integer", (c) => c.notNull().check(sql`ls_number >= 1`))
    .addColumn("start_time", "timestamptz")
    .addColumn("delivered_lumi", "double precision")
    .addColumn("recorded_lumi", "double precision")
    .addColumn("beam1_stable", "boolean")
    .addColumn("beam2_stable", "boolean")
    .addColumn("dcs", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addPrimaryKeyConstraint("lumisection_pk", ["run_number", "ls_number"])
    .execute();

  await db.schema
    .createTable("dataset")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("run_number", "integer", (c) => c.notNull().references("run.run_number").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("primary_dataset", "text", (c) => c.notNull())
    .addColumn("processing_string", "text", (c) => c.notNull())
    .addColumn("stage", "text", (c) => c.notNull().check(sql`stage in ('online','express','prompt','reprocessing')`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("dataset_run_name_uq", ["run_number", "name"])
    .execute();
  await db.schema.createIndex("dataset_pd_ps_idx").on("dataset").columns(["primary_dataset", "processing_string"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("dataset").execute();
  await db.schema.dropTable("lumisection").execute();
  await db.schema.dropTable("run").execute();
}
