/**
 * POST /share: a short link for a view of this app. Any page's path and query (where its state
 * lives) can be shared; anything else is refused with the reason and a 4xx status.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { refusal, refusalStatus } from "../lib/action-result";
import { shareablePath } from "../lib/share-path";
import { serverCaller } from "../trpc.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const path = shareablePath((await request.formData()).get("path"));
  // A resource route: its answer is sent as it is, so a refusal is a Response with its status.
  if (typeof path !== "string") return Response.json(path, { status: 400 });
  try {
    return { url: (await serverCaller(context, request).links.create({ path })).url };
  } catch (err) {
    return Response.json({ error: refusal(err) }, { status: refusalStatus(err) });
  }
}
