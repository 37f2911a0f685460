/**
 * Triplet summaries already computed, keyed by what decides them: the (run, dataset), its newest
 * flag version id and number of versions (flags are only ever added, so any edit or undo changes
 * both), the run's lumisection count and the components listed. A changed flag makes a new key,
 * so nothing is ever stale; least recently used entries go first. Run Registry keeps the same
 * thing as a table (DatasetTripletCache); here it is derived in memory.
 */
import type { TripletSummary } from "./rows";

export function summaryKey(runNumber: number, dataset: string, flagVersion: readonly [number | null, number], lsCount: number, components: readonly string[]): string {
  return `${runNumber}\u0000${dataset}\u0000${flagVersion[0] ?? 0}\u0000${flagVersion[1]}\u0000${lsCount}\u0000${components.join(",")}`;
}

export class SummaryCache {
  private readonly entries = new Map<string, TripletSummary>();
  constructor(private readonly maxEntries = 50_000) {}

  get(key: string): TripletSummary | undefined {
    const v = this.entries.get(key);
    if (v) {
      this.entries.delete(key);
      this.entries.set(key, v);
    }
    return v;
  }

  set(key: string, summary: TripletSummary): void {
    this.entries.set(key, summary);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
