/** The tRPC HTTP endpoint at /api/trpc, for the browser and for other tools. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "../../server/trpc/app-router";
import { requestContext } from "../trpc.server";

function handle({ request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () => requestContext(context, request),
  });
}

export const loader = handle;
export const action = handle;
