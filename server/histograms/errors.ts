/** Typed failures of the histogram readers; callers map them to API or CLI errors. */

export class HistogramFormatError extends Error {
  override readonly name = "HistogramFormatError";
}

export class MonitorElementNotFoundError extends Error {
  override readonly name = "MonitorElementNotFoundError";
  constructor(
    readonly file: string,
    readonly mePath: string,
  ) {
    super(`monitor element '${mePath}' not found in ${file}`);
  }
}

export class CorruptRootFileError extends Error {
  override readonly name = "CorruptRootFileError";
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file} is not a readable ROOT file: ${reason}`);
  }
}

export class DqmFileNameError extends Error {
  override readonly name = "DqmFileNameError";
}
