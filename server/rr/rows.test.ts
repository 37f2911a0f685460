import { describe, expect, it } from "vitest";
import { effectiveFlags, type FlagChange, type FlagStatus } from "../certification/flags";
import { tripletSummary } from "./rows";
import { rrStatusOf } from "./vocabulary";

const statuses: FlagStatus[] = ["GOOD", "BAD", "STANDBY", "EXCLUDED", "NOTSET"];

/** A small deterministic generator (mulberry32), so a failure reproduces. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("triplet summary", () => {
  it("counts what effectiveFlags says is in force, with overlaps and undos", () => {
    const rand = rng(13);
    const components = ["dt-dt", "csc-csc"];
    for (let round = 0; round < 300; round++) {
      const lsCount = 1 + Math.floor(rand() * 30);
      const changes: FlagChange[] = [];
      for (let id = 1; id <= 1 + Math.floor(rand() * 8); id++) {
        const undo = changes.length > 0 && rand() < 0.25 ? changes[Math.floor(rand() * changes.length)]! : null;
        const first = Math.floor(rand() * (lsCount + 3));
        const f = { component: components[Math.floor(rand() * 2)]!, firstLs: first, lastLs: first + Math.floor(rand() * 12), status: statuses[Math.floor(rand() * statuses.length)]!, cause: `c${id % 3}`, comment: `m${id % 4}` };
        changes.push({ ...(undo ?? f), id, undoOf: undo?.id ?? null, origin: { kind: "person", name: "x" }, createdBy: "x", createdAt: new Date(0) });
      }
      const summary = tripletSummary({ components }, changes, lsCount);
      for (const c of components) {
        const want: Record<string, number> = { GOOD: 0, BAD: 0, STANDBY: 0, EXCLUDED: 0, NOTSET: 0, EMPTY: 0, "NO VALUE FOUND": 0 };
        for (const r of effectiveFlags(changes, [c], lsCount)) want[rrStatusOf(r.status)]! += r.lastLs - r.firstLs + 1;
        const { comments: _c, causes: _k, ...got } = summary[c]!;
        expect(got, `round ${round} ${c}`).toEqual(want);
      }
    }
  });
});
