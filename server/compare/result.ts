/** The one result shape every statistic and quality test returns. */
import type { DqmStatusName } from "./status";

export interface TestResult {
  /** Test name as configured (e.g. "chi2", "Comp2RefKolmogorov"). */
  readonly test: string;
  /** The test statistic (χ², KS distance, fraction of good bins, …); NaN when not computed. */
  readonly statistic: number;
  readonly ndf?: number;
  /** Probability of the null hypothesis, for tests that have one. */
  readonly pValue?: number;
  /** Quality-test value in [0, 1] (−1 when the test could not run), compared to thresholds. */
  readonly score?: number;
  readonly status: DqmStatusName;
  /** Why the status is not OK/WARNING/ERROR, in words. */
  readonly message?: string;
}

/** A result for input the test cannot use; never thrown, always returned. */
export function failed(test: string, status: "INVALID" | "INSUF_STAT" | "DID_NOT_RUN" | "NO_DATA", message: string, extra: Partial<TestResult> = {}): TestResult {
  return { test, statistic: Number.NaN, score: -1, status, message, ...extra };
}
