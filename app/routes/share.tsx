/**
 * POST /share: a short link for a view of this app. Any page's path and query (where its state
 * lives) can be shared; anything else is refused with the reason.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { TRPCError } from "@trpc/server";
import { shareablePath } from "../lib/share-path";
import { serverCaller } from "../trpc.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const path = shareablePath((await request.formData()).get("path"));
  if (typeof path !== "string") return path;
  try {
    return { url: (await serverCaller(context, request).links.create({ path })).url };
  } catch (err) {
    if (err instanceof TRPCError) return { error: err.message };
    throw err;
  }
}
