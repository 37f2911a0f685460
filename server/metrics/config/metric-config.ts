/** The validated metric catalogue the ingest, the trend checks and the trend API read. */

export type TrendCheck = {
  /** Alarm when a point falls outside [min, max] (either bound optional). */
  readonly expectedRange?: { readonly min?: number; readonly max?: number };
  /** Alarm when a point is more than k σ from the mean of the last N good runs. */
  readonly withinSigma?: { readonly k: number; readonly lastGoodRuns: number };
};

export interface MetricDefinition {
  readonly subsystem: string;
  readonly name: string;
  /** Config file (relative to the config root) that defined it, for error messages. */
  readonly file: string;
  /** ME paths tried in order; the first one present in the DQM file is used (HDQM semantics). */
  readonly relativePath: readonly string[];
  readonly histo1Path?: readonly string[];
  readonly histo2Path?: readonly string[];
  readonly reference?: readonly string[];
  /** Registry function name and its validated params: pass to computeMetric as is. */
  readonly metric: { readonly function: string; readonly params: unknown };
  /** HDQM's `module.Class` when the entry was written as an HDQM expression. */
  readonly hdqmFunction?: string;
  readonly plotTitle: string;
  readonly yTitle: string;
  /**
   * Minimum entries (TH1::GetEntries) for a run's point to be stored (HDQM's `threshold`, which
   * HDQM parsed and never applied; see docs/hdqm-compatibility.md).
   */
  readonly threshold?: number;
  readonly checks?: TrendCheck;
}

/** Series overlaid in one plot (HDQM's frontend display groups). */
export interface DisplayGroup {
  readonly subsystem: string;
  readonly name: string;
  readonly file: string;
  readonly plotTitle: string;
  readonly yTitle: string;
  readonly series: readonly string[];
}

/** Two or three metrics plotted against each other with a regression. */
export interface CorrelationGroup {
  readonly subsystem: string;
  readonly name: string;
  readonly file: string;
  readonly plotTitle: string;
  readonly series: readonly string[];
}

export interface MetricCatalog {
  readonly metrics: readonly MetricDefinition[];
  readonly groups: readonly DisplayGroup[];
  readonly correlations: readonly CorrelationGroup[];
}
