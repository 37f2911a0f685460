/**
 * Local mode only: the developer picks the role they act as (stored in a cookie). Cross-site
 * posts never reach here (server/auth/request-guard.ts); `back` may only lead inside the app.
 */
import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { LOCAL_ROLE_COOKIE } from "../../server/auth/identity";
import { sameOriginPath } from "../../server/auth/same-origin";
import { roles } from "../../server/auth/roles";

export async function action({ request, context }: ActionFunctionArgs) {
  if (context.services.config.AUTH_MODE !== "local") return new Response("identity is set by the SSO proxy", { status: 403 });
  const form = await request.formData();
  const role = form.get("role");
  const back = sameOriginPath(form.get("back"));
  // No role: back to an anonymous viewer, who may only read.
  if (role === "") return redirect(back, { headers: { "Set-Cookie": `${LOCAL_ROLE_COOKIE}=; Path=/; SameSite=Lax; HttpOnly; Max-Age=0` } });
  if (typeof role !== "string" || !(roles as readonly string[]).includes(role)) {
    return new Response(`unknown role '${typeof role === "string" ? role.slice(0, 40) : "(a file)"}': one of ${roles.join(", ")}, or none`, { status: 400 });
  }
  return redirect(back, { headers: { "Set-Cookie": `${LOCAL_ROLE_COOKIE}=${role}; Path=/; SameSite=Lax; HttpOnly` } });
}
