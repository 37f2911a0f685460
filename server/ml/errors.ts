/** Typed failures of anomaly-detection training and scoring; the CLI and activities map them. */

export type MlErrorCode = "no-training-data" | "bad-model" | "binning-mismatch" | "bad-parameter" | "no-model";

export class MlError extends Error {
  override readonly name = "MlError";
  constructor(
    readonly code: MlErrorCode,
    message: string,
  ) {
    super(message);
  }
}
