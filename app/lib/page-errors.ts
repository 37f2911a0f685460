/**
 * Loader failures as HTTP answers: an API refusal becomes a thrown Response with its status (404
 * for what does not exist, 400 for a malformed value) and a plain message, which the route's or
 * the root's ErrorBoundary shows with the navigation bar. Anything else stays a 500 without its
 * text.
 */
import { TRPCError } from "@trpc/server";
import { refusal, refusalStatus } from "./action-result";

/** Throws `message` as an HTTP answer of `status` (Remix shows the nearest ErrorBoundary). */
export function httpError(message: string, status: number): never {
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- a thrown Response is Remix's way to answer 4xx from a loader
  throw new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}

/** For `.catch(pageFailure)` in loaders: refusals keep their status and message. */
export function pageFailure(err: unknown): never {
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- an HTTP answer a loader already chose goes on as it is
  if (err instanceof Response) throw err;
  const status = refusalStatus(err);
  if (err instanceof TRPCError && status < 500) httpError(refusal(err), status);
  throw err;
}
