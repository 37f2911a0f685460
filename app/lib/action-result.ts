/** What a route action returns: what was done, or the API's refusal as text for the page to show. */
import { TRPCError } from "@trpc/server";

export type ActionResult = { ok: true; message: string; intent: string; key?: string } | { ok: false; error: string; intent: string; key?: string };

/** The text of a refusal: the validator's or domain rule's message, zod issues by field. */
export function refusal(err: unknown): string {
  if (err instanceof TRPCError) {
    const cause = err.cause as { issues?: { path: (string | number)[]; message: string }[] } | undefined;
    if (err.code === "BAD_REQUEST" && cause?.issues?.length) return cause.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

/** Runs one API call for an action and turns a refusal into data. */
export async function attempt(intent: string, fn: () => Promise<string>, key?: string): Promise<ActionResult> {
  try {
    return { ok: true, intent, message: await fn(), ...(key !== undefined ? { key } : {}) };
  } catch (err) {
    return { ok: false, intent, error: refusal(err), ...(key !== undefined ? { key } : {}) };
  }
}

export function formString(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v.trim() : "";
}

/** A form or URL value that is a whole number (digits only), or undefined. */
export function wholeNumber(v: string | null | undefined): number | undefined {
  return v && /^\d+$/.test(v) ? Number(v) : undefined;
}
