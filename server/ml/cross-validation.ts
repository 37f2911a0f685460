/**
 * Cross-validation grouped by run: every lumisection of a run lands in the same fold, so no run
 * is both trained on and tested (lumisections of one run are strongly correlated). Runs are
 * dealt to folds in a seeded random order.
 */
import { MlError } from "./errors";
import { seededRandom, shuffled } from "./random";

/** Fold index (0..folds−1) of each item, from its group (run number). */
export function groupFolds(groups: ArrayLike<number>, folds: number, seed: number): Int32Array {
  const unique = [...new Set(Array.from(groups))].sort((a, b) => a - b);
  if (!Number.isInteger(folds) || folds < 2 || folds > unique.length) throw new MlError("bad-parameter", `folds must be 2..${unique.length} (the number of runs)`);
  const foldOf = new Map<number, number>();
  shuffled(unique, seededRandom(seed)).forEach((g, i) => foldOf.set(g, i % folds));
  return Int32Array.from(Array.from(groups), (g) => foldOf.get(g) ?? 0);
}
