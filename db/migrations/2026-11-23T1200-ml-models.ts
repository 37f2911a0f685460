import { type Kysely, sql } from "kysely";

/** Versioned anomaly-detection models (server/ml): one row per trained version. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("ml_model")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("me_name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('pca','latent-knn')`))
    .addColumn("version", "integer", (c) => c.notNull().check(sql`version >= 1`))
    .addColumn("model", "jsonb", (c) => c.notNull())
    .addColumn("training_set", "jsonb", (c) => c.notNull())
    .addColumn("params", "jsonb", (c) => c.notNull())
    .addColumn("validation", "jsonb", (c) => c.notNull())
    .addColumn("workflow_id", "text", (c) => c.unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("ml_model_version_uq", ["me_name", "kind", "version"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("ml_model").execute();
}
