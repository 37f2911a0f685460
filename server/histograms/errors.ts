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

/** A readable ROOT file that is not in the DQM harvest layout (no DQMData/Run N directory). */
export class NotDqmFileError extends Error {
  override readonly name = "NotDqmFileError";
  constructor(
    readonly file: string,
    readonly topLevelKeys: readonly string[],
  ) {
    const shown = topLevelKeys.slice(0, 8).join(", ") + (topLevelKeys.length > 8 ? `, … (${topLevelKeys.length} in all)` : "");
    super(`${file} is not a DQM harvest file (top-level keys: ${shown || "none"})`);
  }
}
