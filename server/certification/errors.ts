/** Named failures of the certification domain; the API maps them to tRPC codes. */

/** A state change that is not allowed from the current state (the message lists the allowed ones). */
export class TransitionError extends Error {
  override name = "TransitionError";
  constructor(
    message: string,
    readonly allowed: readonly string[],
  ) {
    super(message);
  }
}

/** Input that breaks a domain rule (BAD without comment, range outside the run, frozen dataset…). */
export class CertificationRuleError extends Error {
  override name = "CertificationRuleError";
}

/** A run, dataset, rule or JSON that does not exist. */
export class NotFoundError extends Error {
  override name = "NotFoundError";
}
