/**
 * What a route action returns: what was done, or the API's refusal as text for the page to show,
 * with the HTTP status it stands for and the field it is about. `reply` sends a refusal as 4xx
 * (never HTTP 200 `{ok:false}`), and no refusal ever carries the text of an unexpected error.
 */
import { data } from "@remix-run/node";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { apiFailure, HTTP_STATUS } from "../../server/limits/api-errors";

export type ActionResult =
  | { ok: true; message: string; intent: string; key?: string }
  | { ok: false; error: string; intent: string; key?: string; status?: number; field?: string };

type Issue = { path: PropertyKey[]; message: string };

function issuesOf(err: TRPCError): Issue[] {
  const cause = err.cause as { issues?: Issue[] } | undefined;
  return err.code === "BAD_REQUEST" && Array.isArray(cause?.issues) ? cause.issues : [];
}

/** The text of a refusal: the validator's or domain rule's message, zod issues by field. */
export function refusal(err: unknown): string {
  if (err instanceof TRPCError) {
    const issues = issuesOf(err);
    if (issues.length) return issues.map((i) => `${i.path.map(String).join(".") || "input"}: ${i.message}`).join("; ");
    if (err.code === "INTERNAL_SERVER_ERROR") return apiFailure(err.cause)?.message ?? "internal error: the server could not do this";
    return err.message;
  }
  const failure = apiFailure(err);
  if (failure) return failure.message;
  return err instanceof Error ? err.message : String(err);
}

/** The HTTP status a refusal stands for: the API error's own; a domain error thrown by a page is 400. */
export function refusalStatus(err: unknown): number {
  const failure = apiFailure(err instanceof TRPCError && err.code === "INTERNAL_SERVER_ERROR" ? err.cause : err);
  if (err instanceof TRPCError && !failure) return getHTTPStatusCodeFromError(err);
  return failure ? HTTP_STATUS[failure.code] : 400;
}

/** The refusal as a failed ActionResult: message, status, and the first invalid field when there is one. */
export function failed(intent: string, err: unknown, key?: string): ActionResult {
  const field = err instanceof TRPCError ? issuesOf(err)[0]?.path.map(String).join(".") : undefined;
  return { ok: false, intent, error: refusal(err), status: refusalStatus(err), ...(field ? { field } : {}), ...(key !== undefined ? { key } : {}) };
}

/** Runs one API call for an action and turns a refusal into data. */
export async function attempt(intent: string, fn: () => Promise<string>, key?: string): Promise<ActionResult> {
  try {
    return { ok: true, intent, message: await fn(), ...(key !== undefined ? { key } : {}) };
  } catch (err) {
    return failed(intent, err, key);
  }
}

/** An action's answer: a refusal goes out with its 4xx status, what was done with 200. */
export function reply<T extends ActionResult>(result: T) {
  return data(result, { status: result.ok ? 200 : (result.status ?? 400) });
}

export function formString(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v.trim() : "";
}

/** A form or URL value that is a whole number (digits only), or undefined. */
export function wholeNumber(v: string | null | undefined): number | undefined {
  return v && /^\d+$/.test(v) ? Number(v) : undefined;
}
