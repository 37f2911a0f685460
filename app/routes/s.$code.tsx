/** Follows a short link (/s/<code>) to the view it was made for. */
import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { serverCaller } from "../trpc.server";

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const { path } = await serverCaller(context, request).links.resolve({ code: params.code ?? "" });
  return redirect(path);
}
