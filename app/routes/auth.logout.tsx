/**
 * OIDC mode: POST /auth/logout (the header's Sign out button; cross-site posts never reach here)
 * forgets the session and signs out at the provider (server/auth/oidc-flow.ts).
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { logout, oidcStep } from "../../server/auth/oidc-flow";

export async function action({ context }: ActionFunctionArgs) {
  const answer = await oidcStep(context.services.config, logout);
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- a thrown Response is Remix's way to show a refusal on the error page
  if (answer.status >= 400) throw answer;
  return answer;
}

export function loader() {
  return new Response("sign out with POST (the Sign out button in the header)", { status: 405, headers: { allow: "POST" } });
}
