/**
 * Other tools on /api/trpc in OIDC mode: `Authorization: Bearer <JWT>`, an access token from the
 * same provider (typically client credentials), verified with jose against the provider's JWKS:
 * signature by a published key with an allowed algorithm, issuer, audience, expiry. Its role
 * comes from the same claims mapping as a sign-in. A token that fails is refused with a 401 and
 * the reason, never served as an anonymous viewer. Without the header, the session cookie
 * decides (identity.ts); local and proxy modes ignore the header as before.
 */
import { errors, jwtVerify } from "jose";
import type { AppConfig } from "../config/config";
import { type Identity, identityFromRequest, type RequestFacts } from "./identity";
import { groupsFromClaims, mappedGroups, roleOfGroups, userFromClaims } from "./oidc-claims";
import { oidcProvider, oidcSettings, OidcUnavailable, type OidcSettings } from "./oidc-client";

/** A bearer token not accepted: 401 (the token's fault) or 503 (the provider's keys cannot be had now). */
export class BearerRefusal extends Error {
  override name = "BearerRefusal";
  constructor(
    readonly status: 401 | 503,
    readonly reason: string,
  ) {
    super(`bearer token refused: ${reason}`);
  }
}

function reasonOf(err: unknown, s: OidcSettings, issuer: string): BearerRefusal {
  if (err instanceof errors.JWTExpired) return new BearerRefusal(401, "the token has expired");
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === "aud") return new BearerRefusal(401, `the token was issued for another audience; this server accepts '${s.audience}'`);
    if (err.claim === "iss") return new BearerRefusal(401, `the token was issued by another issuer; this server accepts '${issuer}'`);
    return new BearerRefusal(401, `claim '${err.claim}' ${err.reason === "missing" ? "is missing" : "is not valid"} (${err.message})`);
  }
  if (err instanceof errors.JOSEAlgNotAllowed) return new BearerRefusal(401, `the token's signature algorithm is not accepted (accepted: ${s.algorithms.join(", ")})`);
  if (err instanceof errors.JWSSignatureVerificationFailed) return new BearerRefusal(401, "the token's signature does not verify (altered, or not signed by the provider)");
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) return new BearerRefusal(401, "the token is signed by a key the provider does not publish");
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) return new BearerRefusal(401, `not a well-formed signed JWT (${err.message})`);
  if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid || !(err instanceof errors.JOSEError)) {
    return new BearerRefusal(503, `the token cannot be checked now: the provider's signing keys cannot be fetched (${err instanceof Error ? err.message : String(err)})`);
  }
  return new BearerRefusal(401, err instanceof Error ? err.message : String(err));
}

/** The identity a provider's access token carries, or a BearerRefusal. */
export async function verifyBearer(token: string, s: OidcSettings): Promise<Identity> {
  let provider;
  try {
    provider = await oidcProvider(s);
  } catch (err) {
    throw err instanceof OidcUnavailable ? new BearerRefusal(503, err.message) : err;
  }
  let claims;
  try {
    ({ payload: claims } = await jwtVerify(token, provider.keys, {
      issuer: provider.issuer,
      audience: s.audience,
      algorithms: [...s.algorithms],
      requiredClaims: ["exp"],
      clockTolerance: 30,
    }));
  } catch (err) {
    throw reasonOf(err, s, provider.issuer);
  }
  // An ID token is for this app to read at sign-in, not a credential to present (Keycloak marks it typ ID; every ID token of a code flow carries a nonce).
  if (claims.typ === "ID" || claims.nonce !== undefined) throw new BearerRefusal(401, "an ID token is not an access token");
  const groups = mappedGroups(groupsFromClaims(claims, s.groupsClaims), s.groupRoles);
  const user = userFromClaims(claims, s.userClaim);
  if (!user) throw new BearerRefusal(401, "the token names no subject or client");
  return { user, role: roleOfGroups(groups, s.groupRoles), groups, via: "bearer" };
}

/** The token of an `Authorization: Bearer` header; undefined without the header. */
export function bearerTokenOf(headers: Headers): string | undefined {
  const auth = headers.get("authorization");
  if (auth === null) return undefined;
  const m = /^Bearer +([\w.~+/-]+=*)$/i.exec(auth.trim());
  if (!m?.[1]) throw new BearerRefusal(401, "the Authorization header must be 'Bearer <token>'");
  return m[1];
}

/**
 * Who calls the tRPC API: in OIDC mode a bearer token when one is presented (throws a
 * BearerRefusal when it is not valid), else the session; other modes exactly as identity.ts says.
 */
export async function apiIdentity(req: RequestFacts, cfg: AppConfig): Promise<Identity> {
  if (cfg.AUTH_MODE !== "oidc") return identityFromRequest(req, cfg);
  const token = bearerTokenOf(req.headers);
  if (token === undefined) return identityFromRequest(req, cfg);
  return verifyBearer(token, oidcSettings(cfg));
}

/** The HTTP answer to a refused token (RFC 6750's WWW-Authenticate with a plain-text body). */
export function bearerRefusalResponse(refusal: BearerRefusal): Response {
  const description = refusal.reason.replace(/["\\\r\n]/g, "'");
  return new Response(`${refusal.message}\n`, {
    status: refusal.status,
    headers: {
      "content-type": "text/plain; charset=utf-8",
      ...(refusal.status === 401 ? { "www-authenticate": `Bearer error="invalid_token", error_description="${description}"` } : { "retry-after": "10" }),
    },
  });
}
