/** Server-side tRPC for loaders and actions: the same procedures, no HTTP hop. */
import type { AppLoadContext } from "@remix-run/node";
import { apiIdentity, BearerRefusal, bearerRefusalResponse } from "../server/auth/bearer";
import { identityFromRequest } from "../server/auth/identity";
import { createCaller } from "../server/trpc/app-router";
import { type Context, createContextInner } from "../server/trpc/context";

export function requestContext(context: AppLoadContext, request: Request): Context {
  const identity = identityFromRequest({ headers: request.headers, remoteAddress: context.remoteAddress }, context.services.config);
  return createContextInner({ services: context.services, identity });
}

/**
 * The context of a call to the HTTP API (/api/trpc), where other tools may also present a bearer
 * token (OIDC mode); a refused token is answered with its 401 here, never served as a viewer.
 */
export async function apiRequestContext(context: AppLoadContext, request: Request): Promise<Context | Response> {
  try {
    const identity = await apiIdentity({ headers: request.headers, remoteAddress: context.remoteAddress }, context.services.config);
    return createContextInner({ services: context.services, identity });
  } catch (err) {
    if (err instanceof BearerRefusal) return bearerRefusalResponse(err);
    throw err;
  }
}

export function serverCaller(context: AppLoadContext, request: Request) {
  return createCaller(requestContext(context, request));
}
