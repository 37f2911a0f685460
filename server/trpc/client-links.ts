/**
 * The links every dqmflow client uses: calls batched (at most the server's batch size), and a call
 * whose input is long (a run list, a golden JSON) POSTed in its own request, so no selection is
 * bounded by the URL length a proxy or Node accepts (16 KiB of headers). The server allows the
 * method override (server/trpc/http-handler.ts).
 */
import { httpBatchLink, type HTTPBatchLinkOptions, splitLink, type TRPCLink } from "@trpc/client";
import { MAX_QUERY_URL_INPUT_CHARS, MAX_TRPC_BATCH } from "../limits/limits";
import type { AppRouter } from "./app-router";

type Headers = HTTPBatchLinkOptions<AppRouter["_def"]["_config"]["$types"]>["headers"];

/** Whether an input is too long to travel in a URL. */
export function isLongInput(input: unknown): boolean {
  return input !== undefined && (JSON.stringify(input)?.length ?? 0) > MAX_QUERY_URL_INPUT_CHARS;
}

/** Short calls batched in GETs (cacheable), long ones POSTed. */
export function apiLink(url: string, headers?: Headers): TRPCLink<AppRouter> {
  return splitLink({
    condition: (op) => isLongInput(op.input),
    true: httpBatchLink({ url, headers, methodOverride: "POST", maxItems: 1 }),
    false: httpBatchLink({ url, headers, maxItems: MAX_TRPC_BATCH, maxURLLength: MAX_QUERY_URL_INPUT_CHARS * 4 }),
  });
}
