/**
 * Bootstrap confidence interval of the ROC AUC resampling whole runs (a cluster bootstrap):
 * lumisections of one run share conditions, so resampling them one by one would understate the
 * spread. Percentile interval (Efron & Tibshirani 1993, ch. 13). Replicates without a positive
 * or without a negative are redrawn.
 */
import { seededRandom } from "./random";
import { rocAuc } from "./roc";

export interface AucInterval {
  readonly auc: number;
  readonly low: number;
  readonly high: number;
  readonly level: number;
  readonly replicates: number;
}

export function bootstrapAucByGroup(
  scores: ArrayLike<number>,
  positive: ArrayLike<boolean>,
  groups: ArrayLike<number>,
  opts: { replicates: number; seed: number; level?: number },
): AucInterval {
  const level = opts.level ?? 0.95;
  const byGroup = new Map<number, number[]>();
  for (let i = 0; i < scores.length; i++) {
    const g = groups[i] ?? 0;
    const list = byGroup.get(g) ?? [];
    list.push(i);
    byGroup.set(g, list);
  }
  const members = [...byGroup.keys()].sort((a, b) => a - b).map((g) => byGroup.get(g) ?? []);
  const random = seededRandom(opts.seed);
  const aucs: number[] = [];
  let attempts = 0;
  while (aucs.length < opts.replicates && attempts < opts.replicates * 20) {
    attempts++;
    const s: number[] = [];
    const y: boolean[] = [];
    for (let k = 0; k < members.length; k++) {
      for (const i of members[Math.floor(random() * members.length)] ?? []) {
        s.push(scores[i] ?? 0);
        y.push(positive[i] ?? false);
      }
    }
    const a = rocAuc(s, y);
    if (Number.isFinite(a)) aucs.push(a);
  }
  aucs.sort((a, b) => a - b);
  const at = (q: number) => aucs[Math.min(aucs.length - 1, Math.max(0, Math.floor(q * aucs.length)))] ?? NaN;
  return { auc: rocAuc(scores, positive), low: at((1 - level) / 2), high: at(1 - (1 - level) / 2), level, replicates: aucs.length };
}
