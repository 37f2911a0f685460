/**
 * Ingest failures. `IngestInputError`s are about the input (unreadable file, unknown run, bad
 * row) and retrying cannot help: workflows turn them into non-retryable ApplicationFailures.
 * Anything else (database down, timeouts) is transient and left to the retry policy.
 */
export class IngestInputError extends Error {
  override readonly name: string = "IngestInputError";
  constructor(
    message: string,
    /** A stable machine-readable type, used as the ApplicationFailure type. */
    readonly type: string = "BadInput",
  ) {
    super(message);
  }
}

export class UnknownRunError extends IngestInputError {
  override readonly name = "UnknownRunError";
  constructor(readonly run: number) {
    super(`run ${run} has no metadata: import its OMS run metadata first (dqmflow ingest runs.json)`, "UnknownRun");
  }
}
