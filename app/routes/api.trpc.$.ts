/** The tRPC HTTP endpoint at /api/trpc, for the browser and for other tools. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleTrpcRequest } from "../../server/trpc/http-handler";
import { apiRequestContext } from "../trpc.server";

async function handle({ request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  const ctx = await apiRequestContext(context, request);
  return ctx instanceof Response ? ctx : handleTrpcRequest(request, ctx);
}

export const loader = handle;
export const action = handle;
