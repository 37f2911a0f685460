import { type Kysely, sql } from "kysely";

/** TimescaleDB is required: hypertables and time_bucket carry the HDQM trends. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const available = await sql<{ n: number }>`select count(*)::int as n from pg_available_extensions where name = 'timescaledb'`.execute(db);
  if ((available.rows[0]?.n ?? 0) === 0) {
    throw new Error(
      "this PostgreSQL server has no TimescaleDB extension: install it (scripts/provision.sh builds it) " +
        "or point DATABASE_URL at a server that has it",
    );
  }
  await sql`create extension if not exists timescaledb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop extension if exists timescaledb`.execute(db);
}
