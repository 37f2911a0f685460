/**
 * The OpenID Connect provider as this process sees it: the settings of OIDC mode in one typed
 * object, and the provider's discovered metadata (openid-client) and signing keys (jose's remote
 * JWKS, cached and refreshed by jose) fetched once on first use. A provider that does not answer
 * is asked again on the next request rather than remembered as broken.
 */
import { createRemoteJWKSet, type JWTVerifyGetKey } from "jose";
import * as client from "openid-client";
import type { AppConfig } from "../config/config";
import type { Role } from "./roles";

export interface OidcSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The app's external origin; the redirect URI is <publicUrl>/auth/callback. */
  readonly publicUrl: string;
  readonly redirectUri: string;
  readonly postLogoutRedirectUri: string;
  readonly scopes: string;
  readonly groupsClaims: readonly string[];
  readonly userClaim: string;
  readonly groupRoles: Readonly<Record<string, Role>>;
  /** The audience a bearer token must carry. */
  readonly audience: string;
  readonly algorithms: readonly string[];
  readonly sessionSecret: string;
  readonly sessionMaxAgeS: number;
  /** Cookies get `Secure` when the app is served over https. */
  readonly secureCookies: boolean;
}

export class OidcUnavailable extends Error {
  override name = "OidcUnavailable";
}

/** OIDC mode's settings; config validation has made sure the required ones are there. */
export function oidcSettings(cfg: AppConfig): OidcSettings {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret, PUBLIC_URL: publicUrl, SESSION_SECRET: sessionSecret } = cfg;
  if (cfg.AUTH_MODE !== "oidc" || !issuer || !clientId || !clientSecret || !publicUrl || !sessionSecret) {
    throw new OidcUnavailable(`sign-in with an OIDC provider is off (AUTH_MODE=${cfg.AUTH_MODE})`);
  }
  return {
    issuer,
    clientId,
    clientSecret,
    publicUrl,
    redirectUri: `${publicUrl}/auth/callback`,
    postLogoutRedirectUri: `${publicUrl}/`,
    scopes: cfg.OIDC_SCOPES,
    groupsClaims: cfg.OIDC_GROUPS_CLAIM,
    userClaim: cfg.OIDC_USER_CLAIM,
    groupRoles: cfg.AUTH_GROUP_ROLES,
    audience: cfg.OIDC_AUDIENCE ?? clientId,
    algorithms: cfg.OIDC_TOKEN_ALGS,
    sessionSecret,
    sessionMaxAgeS: cfg.SESSION_MAX_AGE_S,
    secureCookies: publicUrl.startsWith("https:"),
  };
}

export interface OidcProvider {
  readonly config: client.Configuration;
  /** The issuer identifier the provider states (tokens must carry exactly this `iss`). */
  readonly issuer: string;
  readonly keys: JWTVerifyGetKey;
}

const providers = new Map<string, Promise<OidcProvider>>();

async function discover(s: OidcSettings): Promise<OidcProvider> {
  // Plain http is allowed by config validation only for an issuer on this machine (tests).
  const insecure = new URL(s.issuer).protocol === "http:";
  let config: client.Configuration;
  try {
    config = await client.discovery(new URL(s.issuer), s.clientId, undefined, client.ClientSecretBasic(s.clientSecret), {
      execute: insecure ? [client.allowInsecureRequests] : [],
      timeout: 10,
    });
  } catch (err) {
    throw new OidcUnavailable(`the OIDC provider at ${s.issuer} did not answer discovery: ${err instanceof Error ? err.message : String(err)}`);
  }
  const meta = config.serverMetadata();
  if (!meta.jwks_uri) throw new OidcUnavailable(`the OIDC provider at ${s.issuer} publishes no jwks_uri`);
  return { config, issuer: meta.issuer, keys: createRemoteJWKSet(new URL(meta.jwks_uri), { timeoutDuration: 10_000 }) };
}

/** The provider for these settings, discovered once per process (again after a failure). */
export function oidcProvider(s: OidcSettings): Promise<OidcProvider> {
  const key = `${s.issuer}\n${s.clientId}`;
  let p = providers.get(key);
  if (!p) {
    p = discover(s);
    providers.set(key, p);
    p.catch(() => providers.delete(key));
  }
  return p;
}
