import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  const stage = sql`stage in ('online','express','prompt','reprocessing')`;
  await db.schema
    .createTable("cert_run")
    .addColumn("run_number", "integer", (c) => c.primaryKey().references("run.run_number").onDelete("cascade"))
    .addColumn("run_class", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull().check(sql`state in ('OPEN','SIGNOFF','COMPLETED')`))
    .addColumn("stage", "text", (c) => c.notNull().check(stage))
    .addColumn("cert_status", "text", (c) => c.notNull())
    .addColumn("workflow_id", "text", (c) => c.notNull())
    .addColumn("ls_count", "integer", (c) => c.notNull().check(sql`ls_count >= 0`))
    .addColumn("last_error", "text")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("cert_dataset")
    .addColumn("run_number", "integer", (c) => c.notNull().references("run.run_number").onDelete("cascade"))
    .addColumn("dataset_name", "text", (c) => c.notNull())
    .addColumn("stage", "text", (c) => c.notNull().check(stage))
    .addColumn("workspace", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull().check(sql`state in ('waiting dqm gui','OPEN','SIGNOFF','COMPLETED')`))
    .addColumn("frozen", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("cert_dataset_pk", ["run_number", "dataset_name", "workspace"])
    .execute();

  await db.schema
    .createTable("cert_flag")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("run_number", "integer", (c) => c.notNull().references("run.run_number").onDelete("cascade"))
    .addColumn("dataset_name", "text", (c) => c.notNull())
    .addColumn("component", "text", (c) => c.notNull())
    .addColumn("first_ls", "integer", (c) => c.notNull().check(sql`first_ls >= 1`))
    .addColumn("last_ls", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("cause", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("origin_kind", "text", (c) => c.notNull().check(sql`origin_kind in ('person','rule','test','dcs')`))
    .addColumn("origin_name", "text", (c) => c.notNull())
    .addColumn("undo_of", "integer", (c) => c.references("cert_flag.id"))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("idempotency_key", "text", (c) => c.unique())
    .addCheckConstraint("cert_flag_range", sql`last_ls >= first_ls`)
    .execute();
  await db.schema.createIndex("cert_flag_run_idx").on("cert_flag").columns(["run_number", "dataset_name"]).execute();

  await db.schema
    .createTable("cert_comparison")
    .addColumn("run_number", "integer", (c) => c.notNull().references("run.run_number").onDelete("cascade"))
    .addColumn("stage", "text", (c) => c.notNull().check(stage))
    .addColumn("dataset_name", "text", (c) => c.notNull())
    .addColumn("me_path", "text", (c) => c.notNull())
    .addColumn("test", "text", (c) => c.notNull())
    .addColumn("reference_run", "integer")
    .addColumn("statistic", "double precision")
    .addColumn("p_value", "double precision")
    .addColumn("score", "double precision")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("message", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("cert_comparison_pk", ["run_number", "dataset_name", "me_path", "test"])
    .execute();

  await db.schema
    .createTable("cert_audit")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("idempotency_key", "text", (c) => c.notNull().unique())
    .addColumn("run_number", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("before", "jsonb")
    .addColumn("after", "jsonb")
    .addColumn("reason", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("workflow_id", "text")
    .addColumn("workflow_run_id", "text")
    .addColumn("activity_id", "text")
    .execute();
  await db.schema.createIndex("cert_audit_run_idx").on("cert_audit").columns(["run_number", "id"]).execute();

  await db.schema
    .createTable("cert_calibration")
    .addColumn("run_number", "integer", (c) => c.notNull())
    .addColumn("workflow", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending','running','done','failed')`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("cert_calibration_pk", ["run_number", "workflow"])
    .execute();

  await db.schema
    .createTable("cert_notification")
    .addColumn("idempotency_key", "text", (c) => c.primaryKey())
    .addColumn("run_number", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("endpoint", "text")
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("http_status", "integer")
    .addColumn("attempts", "integer", (c) => c.notNull())
    .addColumn("sent_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("cert_reference")
    .addColumn("run_class", "text", (c) => c.primaryKey())
    .addColumn("reference_run", "integer", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("cert_histogram")
    .addColumn("run_number", "integer", (c) => c.notNull())
    .addColumn("dataset_name", "text", (c) => c.notNull())
    .addColumn("me_path", "text", (c) => c.notNull())
    .addColumn("payload", "jsonb", (c) => c.notNull())
    .addPrimaryKeyConstraint("cert_histogram_pk", ["run_number", "dataset_name", "me_path"])
    .execute();

  await db.schema
    .createTable("golden_rule")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().check(sql`version >= 1`))
    .addColumn("logic", "jsonb", (c) => c.notNull())
    .addColumn("dataset_pattern", "text", (c) => c.notNull())
    .addColumn("locked", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("golden_rule_pk", ["name", "version"])
    .execute();

  await db.schema
    .createTable("golden_json")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("rule_name", "text", (c) => c.notNull())
    .addColumn("rule_version", "integer", (c) => c.notNull())
    .addColumn("dataset_pattern", "text", (c) => c.notNull())
    .addColumn("query", "jsonb", (c) => c.notNull())
    .addColumn("golden", "jsonb", (c) => c.notNull())
    .addColumn("anti_golden", "jsonb", (c) => c.notNull())
    .addColumn("lumi_kept", "double precision", (c) => c.notNull())
    .addColumn("lumi_lost", "double precision", (c) => c.notNull())
    .addColumn("loss_by_rule", "jsonb", (c) => c.notNull())
    .addColumn("tag", "text", (c) => c.unique())
    .addColumn("official", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("workflow_id", "text", (c) => c.notNull().unique())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint("golden_json_rule_fk", ["rule_name", "rule_version"], "golden_rule", ["name", "version"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["golden_json", "golden_rule", "cert_histogram", "cert_reference", "cert_notification", "cert_calibration", "cert_audit", "cert_comparison", "cert_flag", "cert_dataset", "cert_run"]) {
    await db.schema.dropTable(t).execute();
  }
}
