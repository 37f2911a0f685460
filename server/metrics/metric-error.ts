/** Why a metric could not be computed; ingest records it and moves on instead of crashing. */
export type MetricErrorCode =
  | "wrong-dimension"
  | "empty"
  | "missing-input"
  | "bad-parameter"
  | "fit-failed"
  | "fit-rejected"
  | "not-computable";

export class MetricError extends Error {
  override readonly name = "MetricError";
  constructor(
    readonly code: MetricErrorCode,
    message: string,
  ) {
    super(message);
  }
}
