/** Coverage summary of a run: per component, the fraction of lumisections and of recorded luminosity good, bad, other and unknown. */
import { type EffectiveRange, isUnset } from "./flags";

export interface Fractions {
  readonly good: number;
  readonly bad: number;
  /** STANDBY, EXCLUDED, EMPTY, NO VALUE FOUND. */
  readonly other: number;
  readonly unknown: number;
}

export interface ComponentCoverage {
  readonly component: string;
  readonly lumisections: Fractions;
  /** Weighted by each lumisection's recorded luminosity; all zero when the run recorded none. */
  readonly luminosity: Fractions;
}

type Bucket = keyof Fractions;

function bucketOf(status: EffectiveRange["status"]): Bucket {
  if (isUnset(status)) return "unknown";
  if (status === "GOOD") return "good";
  if (status === "BAD") return "bad";
  return "other";
}

function normalise(sums: Record<Bucket, number>): Fractions {
  const total = sums.good + sums.bad + sums.other + sums.unknown;
  if (total <= 0) return { good: 0, bad: 0, other: 0, unknown: 0 };
  return { good: sums.good / total, bad: sums.bad / total, other: sums.other / total, unknown: sums.unknown / total };
}

/** `lumiByLs[ls]` is the recorded luminosity of lumisection ls (missing counts as 0). */
export function coverageSummary(effective: readonly EffectiveRange[], components: readonly string[], lumiByLs: ReadonlyMap<number, number>): ComponentCoverage[] {
  return components.map((component) => {
    const ls: Record<Bucket, number> = { good: 0, bad: 0, other: 0, unknown: 0 };
    const lumi: Record<Bucket, number> = { good: 0, bad: 0, other: 0, unknown: 0 };
    for (const r of effective) {
      if (r.component !== component) continue;
      const b = bucketOf(r.status);
      ls[b] += r.lastLs - r.firstLs + 1;
      for (let n = r.firstLs; n <= r.lastLs; n++) lumi[b] += lumiByLs.get(n) ?? 0;
    }
    return { component, lumisections: normalise(ls), luminosity: normalise(lumi) };
  });
}
