/**
 * Differences between two golden JSONs (runs and lumisections gained and lost, and their recorded
 * luminosity) and between two versions of a rule set (its JSON-logic, line by line). Pure: the
 * luminosity of each lumisection is passed in.
 */
import type { LsRange } from "./ranges";

export type GoldenRanges = Record<string, LsRange[]>;

export interface GoldenDiff {
  /** Runs only in the second JSON / only in the first. */
  runsGained: number[];
  runsLost: number[];
  /** Lumisections only in the second / only in the first, by run (runs with none left out). */
  gained: GoldenRanges;
  lost: GoldenRanges;
  lsGained: number;
  lsLost: number;
  /** Recorded luminosity of those lumisections, /pb. */
  lumiGained: number;
  lumiLost: number;
  /** Runs in both with the same lumisections. */
  runsUnchanged: number;
}

/** Recorded luminosity of one lumisection (/pb); 0 when unknown. */
export type LumiOf = (run: number, ls: number) => number;

/** The parts of sorted, merged ranges `a` not in `b`. */
export function subtractRanges(a: readonly LsRange[], b: readonly LsRange[]): LsRange[] {
  const out: LsRange[] = [];
  for (const [first, last] of a) {
    let from = first;
    for (const [bf, bl] of b) {
      if (bl < from || bf > last) continue;
      if (bf > from) out.push([from, bf - 1]);
      from = Math.max(from, bl + 1);
      if (from > last) break;
    }
    if (from <= last) out.push([from, last]);
  }
  return out;
}

/** Sorted, merged copy (golden JSONs from outside may overlap or be out of order). */
function normalize(ranges: readonly LsRange[]): LsRange[] {
  const sorted = [...ranges].map(([a, b]) => [a, b] as LsRange).sort((x, y) => x[0] - y[0]);
  const out: LsRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push(r);
  }
  return out;
}

const count = (ranges: readonly LsRange[]) => ranges.reduce((n, [a, b]) => n + b - a + 1, 0);

function lumiIn(run: number, ranges: readonly LsRange[], lumiOf: LumiOf): number {
  let sum = 0;
  for (const [a, b] of ranges) for (let ls = a; ls <= b; ls++) sum += lumiOf(run, ls);
  return sum;
}

/** What `to` has that `from` lacks (gained) and the reverse (lost). */
export function diffGoldenJson(from: GoldenRanges, to: GoldenRanges, lumiOf: LumiOf): GoldenDiff {
  const runs = [...new Set([...Object.keys(from), ...Object.keys(to)])].map(Number).sort((a, b) => a - b);
  const d: GoldenDiff = { runsGained: [], runsLost: [], gained: {}, lost: {}, lsGained: 0, lsLost: 0, lumiGained: 0, lumiLost: 0, runsUnchanged: 0 };
  for (const run of runs) {
    const a = normalize(from[String(run)] ?? []);
    const b = normalize(to[String(run)] ?? []);
    if (!(String(run) in from)) d.runsGained.push(run);
    else if (!(String(run) in to)) d.runsLost.push(run);
    const gained = subtractRanges(b, a);
    const lost = subtractRanges(a, b);
    if (gained.length) {
      d.gained[String(run)] = gained;
      d.lsGained += count(gained);
      d.lumiGained += lumiIn(run, gained, lumiOf);
    }
    if (lost.length) {
      d.lost[String(run)] = lost;
      d.lsLost += count(lost);
      d.lumiLost += lumiIn(run, lost, lumiOf);
    }
    if (!gained.length && !lost.length && String(run) in from && String(run) in to) d.runsUnchanged++;
  }
  return d;
}

export interface DiffLine {
  kind: "same" | "added" | "removed";
  text: string;
}

/** Above this many line pairs the middle of a diff is shown as removed then added (the table would take too much memory). */
const MAX_LCS_CELLS = 4_000_000;

/** Line diff of two texts: common first and last lines, then the longest common subsequence of the rest. */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split("\n");
  const b = after.split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const head = a.slice(0, start).map((text) => ({ kind: "same" as const, text }));
  const tail = a.slice(a.length - end).map((text) => ({ kind: "same" as const, text }));
  const ma = a.slice(start, a.length - end);
  const mb = b.slice(start, b.length - end);
  if (ma.length * mb.length > MAX_LCS_CELLS) return [...head, ...ma.map((text) => ({ kind: "removed" as const, text })), ...mb.map((text) => ({ kind: "added" as const, text })), ...tail];
  // lcs[i][j]: length of the longest common subsequence of ma[i..] and mb[j..].
  const lcs = Array.from({ length: ma.length + 1 }, () => new Uint32Array(mb.length + 1));
  for (let i = ma.length - 1; i >= 0; i--) for (let j = mb.length - 1; j >= 0; j--) lcs[i]![j] = ma[i] === mb[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const middle: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < ma.length && j < mb.length) {
    if (ma[i] === mb[j]) {
      middle.push({ kind: "same", text: ma[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) middle.push({ kind: "removed", text: ma[i++]! });
    else middle.push({ kind: "added", text: mb[j++]! });
  }
  while (i < ma.length) middle.push({ kind: "removed", text: ma[i++]! });
  while (j < mb.length) middle.push({ kind: "added", text: mb[j++]! });
  return [...head, ...middle, ...tail];
}

/** A rule's JSON-logic as the editor and the diff show it. */
export const ruleText = (logic: unknown) => JSON.stringify(logic, null, 2);
