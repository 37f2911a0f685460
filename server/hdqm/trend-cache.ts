/**
 * Answers of the trend API kept in the server process until the data under them changes.
 *
 * Shifters and experts open the same few trends over and over, while the data behind them
 * changes only when a file is ingested or run metadata arrive. Every statement that changes
 * trend data sends `NOTIFY hdqm_data` (migration 2026-11-23T1310), which PostgreSQL delivers
 * when the writing transaction commits. A notification naming a table empties the cache and
 * advances its generation; an answer computed across it is not kept (its snapshot may predate
 * the commit). A writer that changes one series only (ingest: one dataset) says so in its
 * transaction (server/ingest/trend-scope.ts, migration 2026-12-01T1310), and its notification
 * `scope ["<primary dataset>","<processing string>"]` drops only the answers of that series and
 * those tied to no one series (the selection tree); the rest stay. While the listening connection is down nothing is cached, so a lost
 * notification can never leave a stale answer behind. Identical concurrent requests share one
 * computation.
 *
 * Read-your-writes: before answering from the cache, a round trip on the listening connection
 * (coalesced across concurrent requests) makes its backend hand over every notification of
 * transactions committed before the request arrived — PostgreSQL sends pending notifications
 * before it reports the connection ready again — so a trend read right after an ingest
 * committed never comes from before it.
 */
import pg from "pg";
import { trendScopeText } from "../ingest/trend-scope";

export interface TrendCacheStats {
  listening: boolean;
  entries: number;
  hits: number;
  misses: number;
  generation: number;
}

export interface TrendCache {
  /** The cached answer for `key`, or `compute()`'s (kept when the data did not change meanwhile). */
  get<T>(kind: string, key: unknown, compute: () => Promise<T>): Promise<T>;
  /** The cached answer for `key` (after the read-your-writes barrier), or undefined; never computes. */
  peek<T>(kind: string, key: unknown): Promise<T | undefined>;
  stats(): TrendCacheStats;
  close(): Promise<void>;
}

interface Options {
  maxEntries?: number;
  /** Reconnect delay after the listening connection fails, doubling up to 30 s. */
  retryMs?: number;
  /** How the listening connection shows in pg_stat_activity. */
  applicationName?: string;
  onError?: (err: Error) => void;
}

export const CHANNEL = "hdqm_data";

const entryId = (kind: string, key: unknown) => `${kind}\u0000${JSON.stringify(key)}`;

const SCOPE_PREFIX = "scope ";

/** The series of one request input (primary dataset and processing string), or null. */
function inputScope(input: unknown): string | null {
  if (input === null || typeof input !== "object") return null;
  const { primaryDataset, processingString } = input as { primaryDataset?: unknown; processingString?: unknown };
  return typeof primaryDataset === "string" && typeof processingString === "string" ? trendScopeText(primaryDataset, processingString) : null;
}

/**
 * The one series an answer depends on, or null when it depends on more or on none (then any
 * notification drops it). Keys are tRPC inputs, or for the front cache (`http <paths>`) the
 * query string, whose `input` holds the call's input or, batched, an object of them.
 */
export function scopeOf(kind: string, key: unknown): string | null {
  if (!kind.startsWith("http ")) return inputScope(key);
  if (typeof key !== "string") return null;
  try {
    const params = new URLSearchParams(key);
    const text = params.get("input");
    if (text === null) return null;
    const input = JSON.parse(text) as unknown;
    const inputs = params.get("batch") === "1" && input !== null && typeof input === "object" ? Object.values(input) : [input];
    const scopes = new Set(inputs.map(inputScope));
    const [only] = scopes;
    return scopes.size === 1 && only !== undefined ? only : null;
  } catch {
    return null;
  }
}

/** Freezes objects and arrays all the way down; typed arrays (which cannot be frozen) are left as they are. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !ArrayBuffer.isView(value) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) if (v !== null && typeof v === "object") deepFreeze(v);
  }
  return value;
}

export function createTrendCache(databaseUrl: string, options: Options = {}): TrendCache {
  const maxEntries = options.maxEntries ?? 128;
  const entries = new Map<string, Promise<unknown>>();
  /** Each entry's series (see scopeOf). */
  const scopes = new Map<string, string | null>();
  let generation = 0;
  let listening = false;
  let closed = false;
  let hits = 0;
  let misses = 0;
  let client: pg.Client | undefined;
  let retryMs = options.retryMs ?? 1000;
  let retryTimer: NodeJS.Timeout | undefined;

  const invalidate = () => {
    generation++;
    entries.clear();
    scopes.clear();
  };
  const forget = (id: string) => {
    entries.delete(id);
    scopes.delete(id);
  };
  const notified = (msg: pg.Notification) => {
    const payload = msg.payload ?? "";
    if (!payload.startsWith(SCOPE_PREFIX)) return invalidate();
    const changed = payload.slice(SCOPE_PREFIX.length);
    for (const [id, scope] of scopes) if (scope === null || scope === changed) forget(id);
  };

  // One barrier query in flight; requests arriving meanwhile wait for the next one, which
  // starts after theirs arrived.
  let inflight: Promise<boolean> | null = null;
  let queued: Promise<boolean> | null = null;
  const barrier = (): Promise<boolean> => {
    const c = client;
    if (!c || !listening) return Promise.resolve(false);
    if (!inflight) {
      inflight = c.query("select 1").then(
        () => true,
        () => false,
      );
      void inflight.finally(() => (inflight = null));
      return inflight;
    }
    queued ??= inflight.then(() => {
      queued = null;
      return barrier();
    });
    return queued;
  };

  const listen = async () => {
    const c = new pg.Client({ connectionString: databaseUrl, application_name: options.applicationName ?? "dqmflow-trend-cache" });
    client = c;
    const lost = (err?: Error) => {
      if (client !== c) return;
      client = undefined;
      listening = false;
      invalidate();
      c.removeAllListeners();
      void c.end().catch(() => undefined);
      if (err) options.onError?.(err);
      if (!closed) {
        retryTimer = setTimeout(() => void listen(), retryMs);
        retryMs = Math.min(retryMs * 2, 30_000);
      }
    };
    c.on("notification", notified);
    c.on("error", lost);
    c.on("end", () => lost());
    try {
      await c.connect();
      await c.query(`listen ${CHANNEL}`);
      if (client !== c) return;
      // Anything cached before (nothing, or answers from before a reconnect) is suspect.
      invalidate();
      listening = true;
      retryMs = options.retryMs ?? 1000;
    } catch (err) {
      lost(err instanceof Error ? err : new Error(String(err)));
    }
  };
  void listen();

  return {
    async get<T>(kind: string, key: unknown, compute: () => Promise<T>): Promise<T> {
      if (!listening) {
        misses++;
        return compute();
      }
      const id = entryId(kind, key);
      if (entries.has(id) && !(await barrier())) {
        misses++;
        return compute();
      }
      const cached = entries.get(id) as Promise<T> | undefined;
      if (cached) {
        hits++;
        entries.delete(id);
        entries.set(id, cached);
        return cached;
      }
      const scope = scopeOf(kind, key);
      misses++;
      const startedAt = generation;
      // Shared between callers: frozen, so a caller that edits its answer fails loudly instead
      // of changing everyone else's.
      const pending = compute().then(deepFreeze);
      entries.set(id, pending);
      scopes.set(id, scope);
      if (entries.size > maxEntries) forget(entries.keys().next().value!);
      try {
        const value = await pending;
        if (generation !== startedAt && entries.get(id) === pending) forget(id);
        return value;
      } catch (err) {
        if (entries.get(id) === pending) forget(id);
        throw err;
      }
    },
    async peek<T>(kind: string, key: unknown): Promise<T | undefined> {
      const id = entryId(kind, key);
      if (!listening || !entries.has(id) || !(await barrier())) return undefined;
      const cached = entries.get(id) as Promise<T> | undefined;
      if (!cached) return undefined;
      hits++;
      return cached.catch(() => undefined);
    },
    stats: () => ({ listening, entries: entries.size, hits, misses, generation }),
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      listening = false;
      const c = client;
      client = undefined;
      entries.clear();
      scopes.clear();
      if (c) {
        c.removeAllListeners();
        c.on("error", () => undefined);
        await c.end().catch(() => undefined);
      }
    },
  };
}

/** A cache that keeps nothing: every request computes (benchmarks' uncached path, scripts). */
export function uncachedTrends(): TrendCache {
  let misses = 0;
  return {
    get: (_kind, _key, compute) => {
      misses++;
      return compute();
    },
    peek: () => Promise.resolve(undefined),
    stats: () => ({ listening: false, entries: 0, hits: 0, misses, generation: 0 }),
    close: () => Promise.resolve(),
  };
}
