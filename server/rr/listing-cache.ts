/**
 * The matched keys of a filtered listing, kept for the pages of one paging session.
 *
 * RR's client asks for page 0, then pages 1 … n−1 of the same filter. Evaluating the filter for
 * each page would cost n full evaluations (triplet counts over every run). So page 0 always
 * evaluates the filter and keeps its ordered keys, and the following pages of the same filter
 * and sortings reuse them for at most `ttlMs`. A session therefore pages through one consistent
 * snapshot of which runs match (no run shows twice or goes missing when data changes
 * mid-session), while a new session always starts from fresh data. Only keys are kept: the
 * rows of every page are read fresh.
 */

interface Entry {
  readonly at: number;
  readonly keys: readonly unknown[];
}

export class ListingCache {
  private readonly entries = new Map<string, Entry>();
  constructor(
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 64,
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
}
