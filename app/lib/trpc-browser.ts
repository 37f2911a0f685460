/**
 * The browser's tRPC client: queries and mutations batched over HTTP, subscriptions over
 * server-sent events (the board's live updates), both at /api/trpc with the page's cookies; long
 * inputs are POSTed (server/trpc/client-links.ts).
 */
import { createTRPCClient, httpSubscriptionLink, splitLink } from "@trpc/client";
import type { AppRouter } from "../../server/trpc/app-router";
import { apiLink } from "../../server/trpc/client-links";

let client: ReturnType<typeof create> | undefined;

function create() {
  const url = `${window.location.origin}/api/trpc`;
  return createTRPCClient<AppRouter>({
    links: [splitLink({ condition: (op) => op.type === "subscription", true: httpSubscriptionLink({ url }), false: apiLink(url) })],
  });
}

/** One client per page load (browser only). */
export function browserTrpc() {
  client ??= create();
  return client;
}
