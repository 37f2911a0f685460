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
  const pool = new pg.Pool({ connectionString: databaseUrl, max, application_name: "dqmflow" });
  // An idle pooled connection that the server ends (a database restart, pg_terminate_backend)
  // emits its error on the pool, and an 'error' event without a listener kills the process: a
  // worker or web server would die with the database. The pool has already dropped that
  // connection and the next query opens a new one, so the error is only worth a line in the log.
  pool.on("error", (err) => console.warn(`database: an idle pooled connection was closed (${err.message}); the next query reconnects`));
  // A connection in use when the server ends it fails its query (the caller sees that error and
  // its transaction is rolled back), then emits the same error on the client, which the pool
  // listens to only while the connection is idle; unheard, it would kill the process too.
  pool.on("connect", (client) => client.on("error", () => undefined));
  return pool;
}

export function createDb(databaseUrl: string, max = 10): Db {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: createPool(databaseUrl, max) }) });
}
