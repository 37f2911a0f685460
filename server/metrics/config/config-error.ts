/** One problem in a metric config, located by file and entry (metric, group or section name). */
export interface ConfigProblem {
  readonly file: string;
  readonly entry?: string;
  readonly message: string;
}

/** Thrown by the loaders with every problem found, so experts fix a file in one pass. */
export class MetricConfigError extends Error {
  override readonly name = "MetricConfigError";
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map((p) => `${p.file}${p.entry ? ` [${p.entry}]` : ""}: ${p.message}`).join("\n"));
  }
}
