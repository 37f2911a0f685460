/**
 * Alarm thresholds for a target false-alarm rate, from scores of good validation histograms
 * the model did not train on. An alarm is `score > threshold`; the threshold is the
 * (m + 1)-th largest good score with m = ⌊α n⌋, so at most m of the n good validation scores
 * (a fraction ≤ α) would have raised an alarm.
 */
import { MlError } from "./errors";

export interface Threshold {
  readonly falseAlarmRate: number;
  readonly threshold: number;
  /** Fraction of the validation good scores above the threshold. */
  readonly observedRate: number;
  readonly validationCount: number;
}

export function thresholdForFalseAlarmRate(goodScores: ArrayLike<number>, falseAlarmRate: number): Threshold {
  const n = goodScores.length;
  if (n === 0) throw new MlError("no-training-data", "no validation scores to choose a threshold on");
  if (!(falseAlarmRate > 0 && falseAlarmRate < 1)) throw new MlError("bad-parameter", "false-alarm rate must be in (0, 1)");
  const sorted = Float64Array.from(goodScores).sort();
  const allowed = Math.floor(falseAlarmRate * n);
  const threshold = sorted[n - 1 - allowed] ?? Infinity;
  let above = 0;
  for (const s of sorted) if (s > threshold) above++;
  return { falseAlarmRate, threshold, observedRate: above / n, validationCount: n };
}

/** True when a score raises an alarm at this threshold. */
export function isAlarm(score: number, t: Pick<Threshold, "threshold">): boolean {
  return score > t.threshold;
}
