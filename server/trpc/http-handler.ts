/**
 * The tRPC HTTP endpoint: the fetch adapter over the app router, with the serialized answers of
 * trend queries kept as the bytes tRPC sent.
 *
 * A trend series for 5,000 runs is ~400 KiB of JSON; serializing it again for every repeated
 * view cost more server CPU than everything else in a cached request together. So a
 * GET of cacheable queries only (single or batched, not streamed) is answered from the trend cache's
 * copy of the response bytes — same invalidation on every data change, same read-your-writes
 * barrier, identical concurrent requests sharing one computation. The role check is the
 * procedure's own: a caller below its role goes through tRPC and gets tRPC's refusal. Answers
 * other than 200 are never kept. `x-dqmflow-cache` says whether an answer was a hit.
 *
 * Queries may also be POSTed (`allowMethodOverride`), so a long input (a run list, a golden JSON)
 * travels in the body, bounded by the body cap, never by the URL; batches are at most
 * MAX_TRPC_BATCH calls. Unexpected failures are logged here with their cause; the caller sees
 * only the plain message of the error formatter.
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { Identity } from "../auth/identity";
import { hasRole, type Role, roleRank } from "../auth/roles";
import { MAX_TRPC_BATCH } from "../limits/limits";
import { appRouter } from "./app-router";
import type { Context } from "./context";
import type { ProcedureMeta } from "./trpc";

export const TRPC_ENDPOINT = "/api/trpc";
export const CACHE_HEADER = "x-dqmflow-cache";

/** Queries whose answers depend only on their input and on trend data (invalidated by the cache). */
export const responseCachedQueries: ReadonlySet<string> = new Set(["trends.tree", "trends.columns", "trends.series", "trends.correlation", "trends.runQuantity"]);

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string; meta?: ProcedureMeta } } | undefined>;

/** What a request needs to be answered from the cache: only method, URL and one header are read. */
export interface RequestHead {
  readonly method: string;
  /** Path and query, e.g. `/api/trpc/trends.series?input=…`. */
  readonly url: string;
  readonly streaming: boolean;
}

export interface CacheSlot {
  readonly kind: string;
  readonly input: string;
  /** The role the request's procedures need (the highest of theirs). */
  readonly needs: Role;
}

/**
 * The cache slot of a request that may be answered from the cache, or null (then tRPC answers):
 * a GET, not streamed, of one cacheable query or a batch of them (as tRPC's httpBatchLink sends
 * even a single call). The key is the whole query string. Whether a caller may read it: `mayRead`.
 */
export function cacheSlot(head: RequestHead): CacheSlot | null {
  if (head.method !== "GET" || head.streaming || !head.url.startsWith(`${TRPC_ENDPOINT}/`)) return null;
  const q = head.url.indexOf("?");
  let pathPart: string;
  try {
    pathPart = decodeURIComponent(head.url.slice(TRPC_ENDPOINT.length + 1, q < 0 ? undefined : q));
  } catch {
    return null; // a malformed escape: tRPC gives its own answer
  }
  let needs: Role = "viewer";
  for (const path of pathPart.split(",")) {
    const proc = responseCachedQueries.has(path) ? procedures[path] : undefined;
    const role = proc?._def.meta?.role;
    if (proc?._def.type !== "query" || !role) return null;
    if (roleRank(role) > roleRank(needs)) needs = role;
  }
  return { kind: `http ${pathPart}`, input: q < 0 ? "" : head.url.slice(q + 1), needs };
}

export function mayRead(slot: CacheSlot, identity: Identity): boolean {
  return hasRole(identity.role, slot.needs);
}

function headOf(req: Request): RequestHead {
  const url = new URL(req.url);
  return { method: req.method, url: url.pathname + url.search, streaming: req.headers.has("trpc-accept") };
}

export const CACHED_ANSWER_HEADERS = { "content-type": "application/json", vary: "trpc-accept, accept" } as const;

/** An answer that is passed on but not kept (thrown out of the cache's computation). */
class UncachedAnswer extends Error {
  constructor(
    readonly status: number,
    readonly headers: Headers,
    readonly body: string,
  ) {
    super(`HTTP ${status}: not kept`);
  }
}

function trpcResponse(req: Request, ctx: Context): Promise<Response> {
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req,
    router: appRouter,
    createContext: () => ctx,
    allowMethodOverride: true,
    maxBatchSize: MAX_TRPC_BATCH,
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`api: ${path ?? "(no procedure)"} failed:`, error.cause ?? error);
    },
  });
}

/** Handles one request to the tRPC endpoint for the caller `ctx`. */
export async function handleTrpcRequest(req: Request, ctx: Context): Promise<Response> {
  const slot = cacheSlot(headOf(req));
  if (!slot || !mayRead(slot, ctx.identity)) return trpcResponse(req, ctx);
  const cache = ctx.services.trendCache;
  const hit = await cache.peek<Uint8Array<ArrayBuffer>>(slot.kind, slot.input);
  if (hit) return new Response(hit, { status: 200, headers: { ...CACHED_ANSWER_HEADERS, [CACHE_HEADER]: "hit" } });
  try {
    const body = await cache.get(slot.kind, slot.input, async () => {
      const res = await trpcResponse(req, ctx);
      if (res.status !== 200) throw new UncachedAnswer(res.status, res.headers, await res.text());
      // Kept encoded, so a hit does not encode 400 KiB again.
      return new Uint8Array(await res.arrayBuffer());
    });
    return new Response(body, { status: 200, headers: { ...CACHED_ANSWER_HEADERS, [CACHE_HEADER]: "miss" } });
  } catch (err) {
    if (err instanceof UncachedAnswer) return new Response(err.body, { status: err.status, headers: err.headers });
    throw err;
  }
}
