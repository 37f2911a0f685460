/** The Kysely instance over a `pg` pool. Callers own its lifetime (`destroy()` on shutdown). */
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "./database";

// int8 (bigint) and numeric come back as strings by default; counts and run numbers here fit
// comfortably in a double, so parse them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export type Db = Kysely<Database>;

export function createPool(databaseUrl: string, max = 10): pg.Pool {
  return new pg.Pool({ connectionString: databaseUrl, max, application_name: "dqmflow" });
}

export function createDb(databaseUrl: string, max = 10): Db {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: createPool(databaseUrl, max) }) });
}
