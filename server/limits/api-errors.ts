/**
 * Errors in the user's language: database and workflow-service failures become typed API errors
 * with plain messages. The tRPC procedures (server/trpc/trpc.ts) and Remix actions (actionFailure)
 * both use `apiFailure`, so no SQL text, constraint name or gRPC detail ever reaches a caller.
 * Errors are recognised by their shape (pg's SQLSTATE `code`, Temporal's error `name`), so this
 * module imports neither driver.
 */

export type ApiErrorCode =
  | "BAD_REQUEST"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "PAYLOAD_TOO_LARGE"
  | "TIMEOUT"
  | "SERVICE_UNAVAILABLE"
  | "INTERNAL_SERVER_ERROR";

export interface ApiFailure {
  readonly code: ApiErrorCode;
  readonly message: string;
}

/** HTTP status of each code (tRPC's own mapping, so pages and the API agree). */
export const HTTP_STATUS: Record<ApiErrorCode, number> = {
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  TIMEOUT: 408,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

/** PostgreSQL SQLSTATE → what it means for the person who sent the request (Appendix A of the PostgreSQL manual). */
const SQLSTATE: Record<string, ApiFailure> = {
  "22003": { code: "BAD_REQUEST", message: `a number is outside the range its field holds (whole numbers up to ${2 ** 31 - 1})` },
  "22P02": { code: "BAD_REQUEST", message: "a value does not have the form its field needs" },
  "22007": { code: "BAD_REQUEST", message: "a date or time is not valid" },
  "22008": { code: "BAD_REQUEST", message: "a date or time is out of range" },
  "22021": { code: "BAD_REQUEST", message: "text contains characters that cannot be stored (NUL or invalid Unicode)" },
  "22P05": { code: "BAD_REQUEST", message: "text contains characters that cannot be stored (NUL or invalid Unicode)" },
  "22001": { code: "PAYLOAD_TOO_LARGE", message: "a text value is longer than its field allows" },
  "54000": { code: "PAYLOAD_TOO_LARGE", message: "a value is too long to be stored or indexed; use a shorter one" },
  "23505": { code: "CONFLICT", message: "this already exists" },
  "23503": { code: "NOT_FOUND", message: "this refers to something that does not exist (a run, dataset or rule)" },
  "23502": { code: "BAD_REQUEST", message: "a required value is missing" },
  "23514": { code: "BAD_REQUEST", message: "a value is outside what its field allows" },
  "40001": { code: "CONFLICT", message: "someone else changed the same data at the same time; try again" },
  "40P01": { code: "CONFLICT", message: "someone else changed the same data at the same time; try again" },
  "57014": { code: "TIMEOUT", message: "the request took too long and was stopped; narrow it down" },
};

function sqlState(err: object): string | undefined {
  const code = (err as { code?: unknown }).code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && "severity" in err ? code : undefined;
}

/** The API failure an error stands for, or undefined when it is not a database or workflow-service error. */
export function apiFailure(err: unknown): ApiFailure | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const state = sqlState(err);
  if (state) {
    const known = SQLSTATE[state];
    if (known) return known;
    if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")) return { code: "SERVICE_UNAVAILABLE", message: "the database is not available right now; try again shortly" };
    return { code: "INTERNAL_SERVER_ERROR", message: `the database refused the request (SQLSTATE ${state})` };
  }
  const name = (err as { name?: unknown }).name;
  const message = (err as { message?: unknown }).message;
  const cause = (err as { cause?: { message?: unknown } }).cause;
  switch (name) {
    case "CertificationConfigError":
      return { code: "SERVICE_UNAVAILABLE", message: "the server's certification configuration cannot be read; tell the DQM experts (the server's log names the problem)" };
    case "WorkflowNotFoundError":
      return { code: "NOT_FOUND", message: "there is no workflow for this (it never started or has been removed)" };
    case "WorkflowExecutionAlreadyStartedError":
      return { code: "CONFLICT", message: "this work has already been started" };
    case "WorkflowUpdateFailedError":
      return { code: "PRECONDITION_FAILED", message: typeof cause?.message === "string" ? cause.message : "the workflow refused the change" };
    case "WorkflowUpdateRPCTimeoutOrCancelledError":
      return { code: "TIMEOUT", message: "the workflow did not answer in time; try again" };
    case "NamespaceNotFoundError":
    case "ServiceError":
    case "TransportError":
      return typeof message === "string" && /payload|size|too large|RESOURCE_EXHAUSTED/i.test(message)
        ? { code: "PAYLOAD_TOO_LARGE", message: "the request is too large for the workflow service" }
        : { code: "SERVICE_UNAVAILABLE", message: "the workflow service is not available right now; try again shortly" };
    default:
      return undefined;
  }
}
