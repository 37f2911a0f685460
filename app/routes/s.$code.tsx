/** Follows a short link (/s/<code>) to the view it was made for. */
import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { sameOriginPath } from "../../server/auth/same-origin";
import { pageFailure } from "../lib/page-errors";
import { serverCaller } from "../trpc.server";

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const { path } = await serverCaller(context, request).links.resolve({ code: params.code ?? "" }).catch(pageFailure);
  // Links stored before paths were checked this strictly are re-checked on the way out.
  return redirect(sameOriginPath(path));
}
