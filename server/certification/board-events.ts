/**
 * Live board: every audit row is a change of some run's certification, so the audit table's
 * ids are the board's event ids. A subscriber polls for rows after the last id it saw.
 */
import type { Db } from "../../db/pool";

export interface BoardEvent {
  readonly id: number;
  readonly runNumber: number;
  readonly kind: string;
  readonly actor: string;
  readonly reason: string;
  readonly at: Date;
}

export async function latestAuditId(db: Db): Promise<number> {
  const row = await db.selectFrom("cert_audit").select((eb) => eb.fn.max("id").as("id")).executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** Audit rows after `afterId`, oldest first, at most `limit`. */
export async function boardEventsSince(db: Db, afterId: number, limit = 200): Promise<BoardEvent[]> {
  const rows = await db.selectFrom("cert_audit").select(["id", "run_number", "kind", "actor", "reason", "at"]).where("id", ">", afterId).orderBy("id").limit(limit).execute();
  return rows.map((r) => ({ id: r.id, runNumber: r.run_number, kind: r.kind, actor: r.actor, reason: r.reason, at: r.at }));
}

/** Resolves after `ms`, or at once when the signal aborts. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** New audit rows as batches, polled every `everyMs` until the signal aborts. */
export async function* pollBoardEvents(db: Db, opts: { afterId?: number; everyMs?: number; signal?: AbortSignal }): AsyncGenerator<{ lastId: number; events: BoardEvent[] }> {
  let last = opts.afterId ?? (await latestAuditId(db));
  while (!opts.signal?.aborted) {
    const events = await boardEventsSince(db, last);
    if (events.length > 0) {
      last = events[events.length - 1]!.id;
      yield { lastId: last, events };
      continue;
    }
    await pause(opts.everyMs ?? 1000, opts.signal);
  }
}

/** Counts per certification status and the run classes present, for the board's filters. */
export async function boardFacets(db: Db) {
  const [statuses, classes, states] = await Promise.all([
    db.selectFrom("cert_run").select(["cert_status", (eb) => eb.fn.countAll<string>().as("n")]).groupBy("cert_status").orderBy("cert_status").execute(),
    db.selectFrom("cert_run").select("run_class").distinct().orderBy("run_class").execute(),
    db.selectFrom("cert_run").select(["state", (eb) => eb.fn.countAll<string>().as("n")]).groupBy("state").orderBy("state").execute(),
  ]);
  return {
    statuses: statuses.map((s) => ({ status: s.cert_status, count: Number(s.n) })),
    runClasses: classes.map((c) => c.run_class),
    states: states.map((s) => ({ state: s.state, count: Number(s.n) })),
  };
}
