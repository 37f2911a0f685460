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

/**
 * Never rendered (the loader redirects or throws); it makes this a page route, so an unknown
 * code gets the error page with the navigation bar instead of a bare text answer.
 */
export default function ShortLinkPage() {
  return null;
}
