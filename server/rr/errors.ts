/** Refusals the Run Registry surface answers as RR's backend does. */

/** RR's `expressError`: HTTP 500 with `{"err": message}` (bad filters, rule violations, unknown runs). */
export class RrError extends Error {
  override name = "RrError";
}

/** RR's `auth` middleware: HTTP 401 with `{"message": …}` when the caller lacks the role. */
export class RrAuthError extends Error {
  override name = "RrAuthError";
}
