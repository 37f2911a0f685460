import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("alarm_ack")
    .addColumn("alarm_key", "text", (c) => c.primaryKey())
    .addColumn("run_number", "integer", (c) => c.notNull())
    .addColumn("acknowledged_by", "text", (c) => c.notNull())
    .addColumn("acknowledged_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("alarm_ack_at_idx").on("alarm_ack").column("acknowledged_at").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("alarm_ack").execute();
}
