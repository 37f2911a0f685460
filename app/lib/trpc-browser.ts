/**
 * The browser's tRPC client: queries and mutations batched over HTTP, subscriptions over
 * server-sent events (the board's live updates), both at /api/trpc with the page's cookies.
 */
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import type { AppRouter } from "../../server/trpc/app-router";

let client: ReturnType<typeof create> | undefined;

function create() {
  const url = `${window.location.origin}/api/trpc`;
  return createTRPCClient<AppRouter>({
    links: [splitLink({ condition: (op) => op.type === "subscription", true: httpSubscriptionLink({ url }), false: httpBatchLink({ url }) })],
  });
}

/** One client per page load (browser only). */
export function browserTrpc() {
  client ??= create();
  return client;
}
