/** The tRPC HTTP endpoint at /api/trpc, for the browser and for other tools. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleTrpcRequest } from "../../server/trpc/http-handler";
import { requestContext } from "../trpc.server";

function handle({ request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  return handleTrpcRequest(request, requestContext(context, request));
}

export const loader = handle;
export const action = handle;
