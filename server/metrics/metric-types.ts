import type { Histogram } from "../histograms/histogram";

/** One trend point: a value and its (symmetric) uncertainty. */
export interface MetricResult {
  readonly value: number;
  readonly error: number;
}

/** The histograms a metric may read: the ME itself and HDQM's optional extra paths. */
export interface MetricInputs {
  readonly main: Histogram;
  readonly histo1?: Histogram;
  readonly histo2?: Histogram;
  readonly reference?: Histogram;
}

/** Result of a reference comparison as the comparison engine reports it. */
export interface Comparison {
  readonly statistic: number;
  readonly pValue: number;
  /** Degrees of freedom, needed for χ²/ndf. */
  readonly ndf?: number;
}

export type CompareFn = (data: Histogram, ref: Histogram) => Comparison;

/** Injected by the caller (wired to server/compare/ by the lead) so this library stays pure. */
export interface ReferenceComparators {
  readonly kolmogorov: CompareFn;
  readonly chi2: CompareFn;
}

export interface MetricDeps {
  readonly compare?: ReferenceComparators;
}
