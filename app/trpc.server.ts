/** Server-side tRPC for loaders and actions: the same procedures, no HTTP hop. */
import type { AppLoadContext } from "@remix-run/node";
import { identityFromRequest } from "../server/auth/identity";
import { createCaller } from "../server/trpc/app-router";
import { type Context, createContextInner } from "../server/trpc/context";

export function requestContext(context: AppLoadContext, request: Request): Context {
  const identity = identityFromRequest({ headers: request.headers, remoteAddress: context.remoteAddress }, context.services.config);
  return createContextInner({ services: context.services, identity });
}

export function serverCaller(context: AppLoadContext, request: Request) {
  return createCaller(requestContext(context, request));
}
