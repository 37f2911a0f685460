/**
 * Signing in with an OpenID Connect provider (CERN SSO is Keycloak): the authorization-code flow
 * with PKCE, state and nonce (openid-client), then a signed session cookie; and signing out.
 * Fetch API in and out, so the Remix routes (app/routes/auth.*.tsx) are one line each and tests
 * drive exactly what a browser would.
 */
import * as client from "openid-client";
import type { AppConfig } from "../config/config";
import { cookieValue } from "./identity";
import { groupsFromClaims, mappedGroups, userFromClaims, type Claims } from "./oidc-claims";
import { oidcProvider, oidcSettings, OidcUnavailable, type OidcSettings } from "./oidc-client";
import { sameOriginPath } from "./same-origin";
import {
  clearCookie,
  LOGIN_COOKIE,
  LOGIN_STATE_MAX_AGE_S,
  type LoginState,
  nowSeconds,
  SESSION_COOKIE,
  type SessionPayload,
  setCookie,
  signValue,
  verifyValue,
} from "./session";

/** A sign-in that cannot go on, with the HTTP status and a reason a person can act on. */
export class SignInError extends Error {
  override name = "SignInError";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function redirectTo(location: string, cookies: string[]): Response {
  const headers = new Headers({ location, "cache-control": "no-store" });
  for (const c of cookies) headers.append("set-cookie", c);
  return new Response(null, { status: 302, headers });
}

async function provider(s: OidcSettings) {
  try {
    return await oidcProvider(s);
  } catch (err) {
    throw err instanceof OidcUnavailable ? new SignInError(502, err.message) : err;
  }
}

/** GET /auth/login?back=<path>: to the provider's sign-in, with the login state in a short-lived signed cookie. */
export async function startLogin(s: OidcSettings, request: Request): Promise<Response> {
  const { config } = await provider(s);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: s.redirectUri,
    scope: s.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  const back = sameOriginPath(new URL(request.url).searchParams.get("back"));
  const login: LoginState = { state, nonce, codeVerifier, back, exp: nowSeconds() + LOGIN_STATE_MAX_AGE_S };
  return redirectTo(url.href, [setCookie(LOGIN_COOKIE, signValue("login", login, s.sessionSecret), { maxAgeS: LOGIN_STATE_MAX_AGE_S, secure: s.secureCookies })]);
}

function providerRefusal(params: URLSearchParams): string | null {
  const error = params.get("error");
  if (!error) return null;
  const description = params.get("error_description");
  return `the sign-in provider refused: ${error.slice(0, 100)}${description ? ` (${description.slice(0, 300)})` : ""}`;
}

/** The claims of a sign-in: the ID token's, completed from UserInfo when it lacks the groups claims. */
async function signInClaims(s: OidcSettings, config: client.Configuration, tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>): Promise<Claims> {
  const idClaims = tokens.claims();
  if (!idClaims) throw new SignInError(502, "the sign-in provider returned no ID token");
  const hasGroups = groupsFromClaims(idClaims, s.groupsClaims).length > 0;
  if (hasGroups || !config.serverMetadata().userinfo_endpoint) return idClaims;
  const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
  return { ...info, ...idClaims };
}

/**
 * GET /auth/callback: checks the login state cookie, exchanges the code (PKCE verifier, state and
 * nonce checked by openid-client), maps the groups claims to a role and sets the session cookie.
 */
export async function finishLogin(s: OidcSettings, request: Request): Promise<Response> {
  const here = new URL(request.url);
  const refused = providerRefusal(here.searchParams);
  if (refused) throw new SignInError(403, refused);
  const now = nowSeconds();
  const login = verifyValue<LoginState>("login", cookieValue(request.headers, LOGIN_COOKIE), s.sessionSecret, now);
  if (!login.ok) {
    throw new SignInError(400, `this sign-in cannot be finished: its login state is missing or invalid (${login.reason}); a sign-in must end within ${LOGIN_STATE_MAX_AGE_S / 60} minutes in the browser that began it — sign in again`);
  }
  const { config } = await provider(s);
  // The provider redirected to the public URL; behind a proxy request.url is the internal one.
  const current = new URL(`/auth/callback${here.search}`, s.publicUrl);
  let claims: Claims;
  try {
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: login.value.codeVerifier,
      expectedState: login.value.state,
      expectedNonce: login.value.nonce,
      idTokenExpected: true,
    });
    claims = await signInClaims(s, config, tokens);
  } catch (err) {
    if (err instanceof SignInError) throw err;
    throw new SignInError(400, `the sign-in could not be completed with the provider: ${err instanceof Error ? err.message : String(err)}`);
  }
  const sub = typeof claims.sub === "string" ? claims.sub : "";
  const session: SessionPayload = {
    sub,
    user: userFromClaims(claims, s.userClaim) ?? sub,
    groups: mappedGroups(groupsFromClaims(claims, s.groupsClaims), s.groupRoles),
    iat: now,
    exp: now + s.sessionMaxAgeS,
  };
  return redirectTo(login.value.back, [
    setCookie(SESSION_COOKIE, signValue("session", session, s.sessionSecret), { maxAgeS: s.sessionMaxAgeS, secure: s.secureCookies }),
    clearCookie(LOGIN_COOKIE, s.secureCookies),
  ]);
}

/**
 * POST /auth/logout (same-origin, by the request guard): forgets the session here, then signs out
 * at the provider when it has an end_session_endpoint (back to the app's front page afterwards).
 */
export async function logout(s: OidcSettings): Promise<Response> {
  const cleared = [clearCookie(SESSION_COOKIE, s.secureCookies)];
  // The session here is gone either way; a provider that does not answer only misses its own sign-out.
  const found = await oidcProvider(s).catch(() => undefined);
  if (!found?.config.serverMetadata().end_session_endpoint) return redirectTo("/", cleared);
  const end = client.buildEndSessionUrl(found.config, { client_id: s.clientId, post_logout_redirect_uri: s.postLogoutRedirectUri });
  return redirectTo(end.href, cleared);
}

/** One step of the flow for a route: its redirect, or why not as a plain-text response (404 outside OIDC mode). */
export async function oidcStep(cfg: AppConfig, step: (s: OidcSettings) => Promise<Response>): Promise<Response> {
  if (cfg.AUTH_MODE !== "oidc") return new Response(`sign-in with an OIDC provider is not used here (AUTH_MODE=${cfg.AUTH_MODE})`, { status: 404 });
  try {
    return await step(oidcSettings(cfg));
  } catch (err) {
    if (!(err instanceof SignInError)) throw err;
    // A provider that fails is the operators' business: the page only says the server could not.
    if (err.status >= 500) console.error(`sign-in: ${err.message}`);
    return new Response(err.message, { status: err.status, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
}
