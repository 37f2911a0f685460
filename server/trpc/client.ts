/**
 * A typed client for other CMS tools: `createDqmflowClient("https://dqmflow.example/api/trpc")`.
 * Headers (e.g. the SSO proxy's) can be passed through. Long inputs are POSTed (client-links.ts).
 */
import { createTRPCClient } from "@trpc/client";
import type { AppRouter } from "./app-router";
import { apiLink } from "./client-links";

export type { AppRouter };

export function createDqmflowClient(url: string, headers?: () => Record<string, string>) {
  return createTRPCClient<AppRouter>({ links: [apiLink(url, headers)] });
}
