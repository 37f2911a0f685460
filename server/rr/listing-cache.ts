/**
 * One paging session of a filtered listing: its matched keys, and the rows of a block of pages.
 *
 * RR's client asks for page 0, then pages 1 … n−1 of the same filter. Evaluating the filter for
 * each page would cost n full evaluations (triplet counts over every run). So page 0 always
 * evaluates the filter and keeps its ordered keys, and the following pages of the same filter
 * and sortings reuse them for at most `ttlMs`. A session therefore pages through one consistent
 * snapshot of which runs match (no run shows twice or goes missing when data changes
 * mid-session), while a new session always starts from fresh data.
 *
 * Rows are read a block of pages at a time (about `blockRows` rows: 20 of the client's default
 * 50-run pages) and the block is kept with the session, so a 100-page listing costs 5 reads
 * instead of 100. A page's rows are therefore as fresh as the read of its block — at most the
 * few seconds a client takes to page through it — and page 0 always reads afresh; a run's own
 * call (`get_run`, page 0 of a one-run filter) always sees its current state.
 */

interface Entry {
  readonly at: number;
  readonly keys: readonly unknown[];
  /** Rows of keys[from, to), read together, by key (a key whose row has gone since has none). */
  block?: { readonly from: number; readonly to: number; readonly rows: ReadonlyMap<string, unknown> };
}

export class ListingCache {
  private readonly entries = new Map<string, Entry>();
  constructor(
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 64,
    private readonly blockRows = 1000,
  ) {}

  /** The keys for `id`: computed afresh when `fresh` (page 0) or when none are kept, else the session's. */
  async keys<K>(id: string, fresh: boolean, compute: () => Promise<K[]>): Promise<readonly K[]> {
    const hit = this.entries.get(id);
    if (!fresh && hit && Date.now() - hit.at < this.ttlMs) return hit.keys as readonly K[];
    const keys = await compute();
    this.entries.delete(id);
    this.entries.set(id, { at: Date.now(), keys });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return keys;
  }

  /**
   * Rows of keys[start, end) of session `id` (whose keys `keys` just returned): from the session's
   * block when it holds them, else read with the pages after them as the new block.
   */
  async rows<K, R>(id: string, keys: readonly K[], start: number, end: number, io: { read: (keys: readonly K[]) => Promise<R[]>; keyOf: (k: K) => string; rowKey: (r: R) => string }): Promise<R[]> {
    const entry = this.entries.get(id);
    let block = entry?.keys === keys ? entry.block : undefined;
    if (!block || start < block.from || end > block.to) {
      const pageRows = Math.max(1, end - start);
      const to = Math.min(keys.length, start + Math.max(pageRows, Math.floor(this.blockRows / pageRows) * pageRows));
      const rows = await io.read(keys.slice(start, to));
      block = { from: start, to, rows: new Map(rows.map((r) => [io.rowKey(r), r])) };
      if (entry && entry.keys === keys) entry.block = block;
    }
    const byKey = block.rows as ReadonlyMap<string, R>;
    return keys.slice(start, end).flatMap((k) => byKey.get(io.keyOf(k)) ?? []);
  }
}
