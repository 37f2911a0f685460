/** The paging session's block of rows: fewer reads, rows matched to keys, a fresh page 0. */
import { describe, expect, it } from "vitest";
import { ListingCache } from "./listing-cache";

const io = (reads: number[][], gone = new Set<number>()) => ({
  read: async (keys: readonly number[]) => {
    reads.push([...keys]);
    return Promise.resolve(keys.filter((k) => !gone.has(k)).map((k) => ({ n: k, at: reads.length })));
  },
  keyOf: String,
  rowKey: (r: { n: number }) => String(r.n),
});

describe("ListingCache.rows", () => {
  it("reads a block of pages at once and serves the following pages from it", async () => {
    const cache = new ListingCache(60_000, 64, 100);
    const reads: number[][] = [];
    const keys = await cache.keys("s", true, async () => Promise.resolve(Array.from({ length: 250 }, (_, i) => 1000 + i)));
    const pages = [];
    for (let p = 0; p < 5; p++) {
      if (p > 0) expect(await cache.keys("s", false, () => Promise.reject(new Error("keys are the session's")))).toBe(keys);
      pages.push(await cache.rows("s", keys, p * 50, Math.min(250, p * 50 + 50), io(reads)));
    }
    expect(reads.map((r) => [r[0], r.length])).toEqual([
      [1000, 100],
      [1100, 100],
      [1200, 50],
    ]);
    expect(pages.flat().map((r) => r.n)).toEqual(keys);
  });

  it("matches rows to keys when a run has gone between the keys and the read", async () => {
    const cache = new ListingCache(60_000, 64, 100);
    const keys = await cache.keys("s", true, async () => Promise.resolve([5, 4, 3, 2, 1]));
    const reads: number[][] = [];
    const access = io(reads, new Set([4]));
    expect((await cache.rows("s", keys, 0, 2, access)).map((r) => r.n)).toEqual([5]);
    expect((await cache.rows("s", keys, 2, 4, access)).map((r) => r.n)).toEqual([3, 2]);
    expect(reads).toHaveLength(1);
  });

  it("reads page 0 of a new session afresh", async () => {
    const cache = new ListingCache(60_000, 64, 100);
    const reads: number[][] = [];
    let keys = await cache.keys("s", true, async () => Promise.resolve([1, 2, 3]));
    const first = await cache.rows("s", keys, 0, 2, io(reads));
    keys = await cache.keys("s", true, async () => Promise.resolve([1, 2, 3]));
    const again = await cache.rows("s", keys, 0, 2, io(reads));
    expect(reads).toHaveLength(2);
    expect(again[0]!.at).toBeGreaterThan(first[0]!.at);
  });
});
