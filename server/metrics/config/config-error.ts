/** Why an entry (or a whole file) of a metric config was refused. */
export type ConfigProblemReason =
  | "unreadable-file"
  | "misplaced-file"
  | "not-a-plot-section"
  | "bad-name"
  | "missing-key"
  | "unknown-key"
  | "bad-value"
  | "unknown-function"
  | "bad-parameters"
  | "duplicate-name"
  | "unknown-series";

/** One refused entry (or file) of a metric config, located by file and entry (metric, group or section name). */
export interface ConfigProblem {
  readonly file: string;
  /** The subsystem the entry belongs to, when the file says (INI folder, YAML `subsystem`). */
  readonly subsystem?: string;
  readonly entry?: string;
  readonly reason: ConfigProblemReason;
  readonly message: string;
  /** For "unknown-function": the function as written (an HDQM `module.Class` or a registry name). */
  readonly function?: string;
}

/** "file [entry]: message", the one-line form used by logs and the CLI. */
export function formatProblem(p: ConfigProblem): string {
  return `${p.file}${p.entry ? ` [${p.entry}]` : ""}: ${p.message}`;
}
