/**
 * A typed client for other CMS tools: `createDqmflowClient("https://dqmflow.example/api/trpc")`.
 * Headers (e.g. the SSO proxy's) can be passed through.
 */
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { AppRouter } from "./app-router";

export type { AppRouter };

export function createDqmflowClient(url: string, headers?: () => Record<string, string>) {
  return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url, headers })] });
}
