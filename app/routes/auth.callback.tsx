/** OIDC mode: GET /auth/callback, where the provider sends the browser back with a code (server/auth/oidc-flow.ts). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { finishLogin, oidcStep } from "../../server/auth/oidc-flow";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const answer = await oidcStep(context.services.config, (s) => finishLogin(s, request));
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- a thrown Response is Remix's way to show a refusal on the error page
  if (answer.status >= 400) throw answer;
  return answer;
}
