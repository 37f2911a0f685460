/**
 * `COPY … FROM STDIN` on the connection a Kysely transaction holds, so a bulk load takes part in
 * the caller's transaction (its bookkeeping rows commit or roll back with the loaded rows).
 *
 * Kysely has no COPY and keeps its pg client private, but its PostgreSQL connection hands a
 * compiled query's `sql` to `pg.Client#query` unchanged, and pg runs any object with a
 * `submit` method as a query of its own (the hook pg-cursor and pg-copy-streams are built on).
 * So the pg-copy-streams query goes in as the `sql` of a compiled query, inside
 * `provideConnection`, which keeps every other statement of the transaction off the connection
 * until the COPY has ended.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CompiledQuery, type Kysely } from "kysely";
import { from as copyFrom } from "pg-copy-streams";

export class CopyInError extends Error {
  override readonly name = "CopyInError";
}

/**
 * Streams `chunks` into `statement` (a `COPY … FROM STDIN`) on the transaction's connection and
 * returns the rows the server reports loaded. A failing COPY rejects with the server's error
 * and leaves the transaction aborted, as a failing statement does.
 */
export async function copyIn(trx: Pick<Kysely<unknown>, "isTransaction" | "getExecutor">, statement: string, chunks: Iterable<Buffer>): Promise<number> {
  if (!trx.isTransaction) throw new CopyInError("copyIn runs inside a transaction: begin one and pass it");
  if (!/^\s*copy\s[^;]*\sfrom\s+stdin\b[^;]*$/i.test(statement)) throw new CopyInError(`copyIn takes one COPY … FROM STDIN statement, not: ${statement.slice(0, 80)}`);
  return trx.getExecutor().provideConnection(async (connection) => {
    const copy = copyFrom(statement);
    // pg submits a query synchronously when its connection is idle, as the transaction's is here.
    let submitted = false;
    const submit = copy.submit.bind(copy);
    copy.submit = (c) => {
      submitted = true;
      submit(c);
    };
    await connection.executeQuery(CompiledQuery.raw(copy as unknown as string));
    if (!submitted) {
      const err = new CopyInError("the database connection did not start the COPY (not a pg connection, or one busy with another query)");
      copy.destroy(err);
      throw err;
    }
    await pipeline(Readable.from(chunks, { objectMode: false }), copy);
    return copy.rowCount;
  });
}
