import { type Kysely, sql } from "kysely";

/** Run selections too long for a URL (an uploaded golden JSON), kept by the hash of their content. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("stored_selection")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('golden')`))
    .addColumn("body", "jsonb", (c) => c.notNull())
    .addColumn("runs", "integer", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("stored_selection").execute();
}
