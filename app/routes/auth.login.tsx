/** OIDC mode: GET /auth/login?back=<path> starts a sign-in at the provider (server/auth/oidc-flow.ts). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { oidcStep, startLogin } from "../../server/auth/oidc-flow";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const answer = await oidcStep(context.services.config, (s) => startLogin(s, request));
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- a thrown Response is Remix's way to show a refusal on the error page
  if (answer.status >= 400) throw answer;
  return answer;
}
