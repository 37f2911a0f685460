/**
 * The matched keys of a filtered listing, kept between the pages of one paging session.
 *
 * RR's client asks for page 0, then 1 … n−1 of the same filter; evaluating the filter (triplet
 * counts over every run) for each page would cost n full evaluations. The ordered keys of the
 * first evaluation are kept and reused while the certification data under them is unchanged
 * (a data version checked on every request: flag and audit ids, which only grow, and
 * count/last update of runs, datasets and their certification rows) and for at most `ttlMs`.
 * Only keys are kept: the rows of each page are always read fresh.
 */
import { sql } from "kysely";
import type { Db } from "../../db/pool";

/** Changes whenever a flag, audit row, run, dataset, run state or dataset state is written. */
export async function dataVersion(db: Db): Promise<string> {
  const { rows } = await sql<{ v: string }>`select concat_ws('|',
      (select max(id) from cert_flag), (select max(id) from cert_audit),
      (select count(*) || ':' || coalesce(max(updated_at)::text, '') from run),
      (select count(*) || ':' || coalesce(max(id), 0) from dataset),
      (select count(*) || ':' || coalesce(max(updated_at)::text, '') from cert_run),
      (select count(*) || ':' || coalesce(max(updated_at)::text, '') from cert_dataset)) as v`.execute(db);
  return rows[0]?.v ?? "";
}

interface Entry {
  readonly version: string;
  readonly at: number;
  readonly keys: readonly unknown[];
}

export class ListingCache {
  private readonly entries = new Map<string, Entry>();
  constructor(
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 64,
  ) {}

  /** The keys for `id` computed under the current data version (computing them when needed). */
  async keys<K>(db: Db, id: string, compute: () => Promise<K[]>): Promise<readonly K[]> {
    const version = await dataVersion(db);
    const hit = this.entries.get(id);
    if (hit && hit.version === version && Date.now() - hit.at < this.ttlMs) return hit.keys as readonly K[];
    const keys = await compute();
    // Kept only if nothing changed while computing (the answer may predate a commit otherwise).
    if ((await dataVersion(db)) === version) {
      this.entries.delete(id);
      this.entries.set(id, { version, at: Date.now(), keys });
      while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    }
    return keys;
  }
}
