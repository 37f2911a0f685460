/**
 * `POST /runs_filtered_ordered` and `/datasets_filtered_ordered`: RR's paged, filtered, sorted
 * listings. One parameterised query finds the ordered keys (kept for the following pages,
 * listing-cache.ts); the page's rows are then read and shaped by rows.ts.
 */
import { sql } from "kysely";
import type { Db } from "../../db/pool";
import { RrError } from "./errors";
import { parseRrFilter } from "./filter";
import { compileRrFilter, compileSortings, type RrTarget } from "./filter-sql";
import { type ListingCache } from "./listing-cache";
import { type RrContext, rrDatasetRows, rrRunRows } from "./rows";

export const MAX_PAGE_SIZE = 10_000;

export interface PageRequest {
  readonly page: number;
  readonly pageSize: number;
  readonly filter: unknown;
  readonly sortings: unknown;
}

function intIn(v: unknown, name: string, min: number, max: number, dflt: number): number {
  if (v === undefined || v === null) return dflt;
  const n = typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max)
    throw new RrError(`${name} must be an integer from ${min} to ${max}, not ${JSON.stringify(v)?.slice(0, 40)}`);
  return n;
}

export function pageRequest(body: unknown): PageRequest {
  const b = (body ?? {}) as Record<string, unknown>;
  if (typeof b !== "object" || Array.isArray(b)) throw new RrError("the request body is a JSON object {page, page_size, filter, sortings}");
  return {
    page: intIn(b.page, "page", 0, 1_000_000, 0),
    pageSize: intIn(b.page_size, "page_size", 1, MAX_PAGE_SIZE, 50),
    filter: b.filter,
    sortings: b.sortings,
  };
}

/** The filtered query's WHERE/ORDER BY over `target`, compiled once (throws RrError). */
export function compileListing(target: RrTarget, req: PageRequest) {
  return {
    where: compileRrFilter(target, parseRrFilter(req.filter)),
    order: compileSortings(target, req.sortings),
  };
}

function orderSql(order: ReturnType<typeof compileSortings>, defaults: string) {
  const parts = order.map((s) => sql`${s.expr} ${sql.raw(s.desc ? "desc nulls last" : "asc nulls first")}`);
  return sql.join([...parts, sql.raw(defaults)]);
}

/** Everything a listing needs besides the database: the certification components and the keys cache. */
export interface ListingContext extends RrContext {
  readonly listings: ListingCache;
}

/** A listing query is cancelled by PostgreSQL after this long and refused in plain words. */
export const LISTING_TIMEOUT_MS = 30_000;

async function bounded<T>(db: Db, f: (trx: Db) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute(async (trx) => {
      await sql`select set_config('statement_timeout', ${String(LISTING_TIMEOUT_MS)}, true)`.execute(trx);
      return f(trx);
    });
  } catch (err) {
    if ((err as { code?: string }).code === "57014")
      throw new RrError(`the filter took longer than ${LISTING_TIMEOUT_MS / 1000} s to evaluate; narrow it (a run range, fewer triplet conditions)`);
    throw err;
  }
}

/** The rows of the request's page, read a block of pages at a time (listing-cache.ts). */
function pageRows<K, R>(ctx: ListingContext, id: string, keys: readonly K[], req: PageRequest, io: { read: (keys: readonly K[]) => Promise<R[]>; keyOf: (k: K) => string; rowKey: (r: R) => string }): Promise<R[]> {
  const start = Math.min(keys.length, req.page * req.pageSize);
  return ctx.listings.rows(id, keys, start, Math.min(keys.length, start + req.pageSize), io);
}

export async function runsFilteredOrdered(ctx: ListingContext, body: unknown) {
  const req = pageRequest(body);
  const { where, order } = compileListing("runs", req);
  const session = JSON.stringify(["runs", req.filter ?? null, req.sortings ?? null]);
  const keys = await ctx.listings.keys(session, req.page === 0, () =>
    bounded(ctx.db, async (db) =>
      (
        await db
          .selectFrom("run as r")
          .leftJoin("cert_run as cr", "cr.run_number", "r.run_number")
          .where(where)
          .select("r.run_number")
          .orderBy(orderSql(order, "r.run_number desc"))
          .execute()
      ).map((k) => k.run_number),
    ),
  );
  return {
    runs: await pageRows(ctx, session, keys, req, { read: (k) => rrRunRows(ctx, k), keyOf: String, rowKey: (r) => String(r.run_number) }),
    count: keys.length,
    pages: Math.ceil(keys.length / req.pageSize),
  };
}

export async function datasetsFilteredOrdered(ctx: ListingContext, body: unknown) {
  const req = pageRequest(body);
  const { where, order } = compileListing("datasets", req);
  const session = JSON.stringify(["datasets", req.filter ?? null, req.sortings ?? null]);
  const keys = await ctx.listings.keys(session, req.page === 0, () =>
    bounded(ctx.db, async (db) =>
      (
        await db
          .selectFrom("dataset as d")
          .innerJoin("run as r", "r.run_number", "d.run_number")
          .leftJoin("cert_run as cr", "cr.run_number", "r.run_number")
          .where(where)
          .select(["d.run_number", "d.name"])
          .orderBy(orderSql(order, "d.run_number desc, d.name asc"))
          .execute()
      ).map((k) => ({ run: k.run_number, dataset: k.name })),
    ),
  );
  return {
    datasets: await pageRows(ctx, session, keys, req, { read: (k) => rrDatasetRows(ctx, k), keyOf: (k) => `${k.run} ${k.dataset}`, rowKey: (r) => `${r.run_number} ${r.name}` }),
    count: keys.length,
    pages: Math.ceil(keys.length / req.pageSize),
  };
}

/** `GET /get_all_dataset_names_of_run/{n}`: names of the run's datasets, `online` first. */
export async function datasetNamesOfRun(ctx: RrContext, runNumber: number): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom("dataset")
    .select("name")
    .where("run_number", "=", runNumber)
    .orderBy(sql`name <> 'online'`)
    .orderBy("name")
    .execute();
  return rows.map((r) => r.name);
}
