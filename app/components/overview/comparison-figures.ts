/**
 * One way to write a comparison result's figures, shared by the overview and the run page so
 * the same result reads the same on both: statistic, p-value and score each under its own name
 * (an `ml-anomaly` result has a statistic and a score but no p-value; it must not show its
 * score as a p-value on one page and a dash on the other).
 */

export interface ComparisonFigures {
  readonly statistic: number | null;
  readonly pValue: number | null;
  readonly score: number | null;
}

/** A figure for a table cell: 4 decimals, exponent notation when very small or large, "—" when absent. */
export function figure(x: number | null): string {
  if (x === null) return "—";
  if (x === 0) return "0";
  return Math.abs(x) < 1e-3 || Math.abs(x) >= 1e5 ? x.toExponential(2) : x.toFixed(4);
}

/** The figures a result has, named, for one line of text ("statistic 99.7906 · score 0.9571"). */
export function figuresText(f: ComparisonFigures): string {
  const parts = [
    f.statistic === null ? null : `statistic ${figure(f.statistic)}`,
    f.pValue === null ? null : `p-value ${figure(f.pValue)}`,
    f.score === null || f.score < 0 ? null : `score ${figure(f.score)}`,
  ].filter((p): p is string => p !== null);
  return parts.length ? parts.join(" · ") : "no figures";
}

/** Statuses that say nothing about quality (nothing to compare): shown grey as "no data", never alarms. */
const NO_DATA_STATUSES = new Set(["NO_DATA", "DID_NOT_RUN", "INSUF_STAT"]);

export function isNoData(status: string): boolean {
  return NO_DATA_STATUSES.has(status);
}
