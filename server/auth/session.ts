/**
 * Signed cookies for OIDC mode: the session (who signed in, with which mapped groups, until when)
 * and the short-lived login state (PKCE verifier, state, nonce, where to return). A value is
 * `<payload>.<mac>`: base64url JSON and its HMAC-SHA256 under SESSION_SECRET, keyed also by the
 * cookie's purpose so a login-state cookie can never pass as a session. The expiry inside the
 * payload is what counts (a browser's Max-Age is only a courtesy); the MAC is compared in
 * constant time. Nothing secret is kept inside: the payload is signed, not encrypted.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const SESSION_COOKIE = "dqmflow_session";
export const LOGIN_COOKIE = "dqmflow_login";
/** Seconds a sign-in at the provider may take before its login state is refused. */
export const LOGIN_STATE_MAX_AGE_S = 600;

export type SignedPurpose = "session" | "login";

export interface SessionPayload {
  /** The provider's subject. */
  readonly sub: string;
  /** Shown as the user's name. */
  readonly user: string;
  /** The user's groups that AUTH_GROUP_ROLES maps (a CERN account has hundreds; only these fit in a cookie). */
  readonly groups: readonly string[];
  /** Issued and expires, seconds since the epoch. */
  readonly iat: number;
  readonly exp: number;
}

export interface LoginState {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  /** Path inside the app to return to after sign-in. */
  readonly back: string;
  readonly exp: number;
}

export type Verified<T> = { ok: true; value: T } | { ok: false; reason: string };

function mac(purpose: SignedPurpose, body: string, secret: string): Buffer {
  return createHmac("sha256", secret).update(`dqmflow.${purpose}.${body}`).digest();
}

/** `payload` signed for `purpose`; `exp` (seconds since the epoch) must be in it. */
export function signValue<T extends { exp: number }>(purpose: SignedPurpose, payload: T, secret: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${body}.${mac(purpose, body, secret).toString("base64url")}`;
}

/** The payload of a value signed for `purpose` with `secret` and not expired at `nowS`, or why not. */
export function verifyValue<T extends { exp: number }>(purpose: SignedPurpose, value: string | undefined, secret: string, nowS: number): Verified<T> {
  if (!value) return { ok: false, reason: "no cookie" };
  const dot = value.indexOf(".");
  if (dot <= 0 || dot !== value.lastIndexOf(".")) return { ok: false, reason: "malformed" };
  const body = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1), "base64url");
  const expected = mac(purpose, body, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad signature" };
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const exp = (payload as { exp?: unknown } | null)?.exp;
  if (typeof exp !== "number") return { ok: false, reason: "no expiry" };
  if (exp <= nowS) return { ok: false, reason: "expired" };
  return { ok: true, value: payload as T };
}

/** A session payload that is well-formed (a signed value is ours, but its shape is checked anyway). */
export function isSessionPayload(p: unknown): p is SessionPayload {
  const s = p as Partial<SessionPayload> | null;
  return !!s && typeof s.sub === "string" && typeof s.user === "string" && Array.isArray(s.groups) && s.groups.every((g) => typeof g === "string");
}

export interface CookieOptions {
  readonly maxAgeS: number;
  /** Set when the app's public URL is https. */
  readonly secure: boolean;
}

/** A Set-Cookie header value: HttpOnly, SameSite=Lax (sent on the provider's redirect back, a top-level GET), Path=/. */
export function setCookie(name: string, value: string, opts: CookieOptions): string {
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.max(0, Math.floor(opts.maxAgeS))}${opts.secure ? "; Secure" : ""}`;
}

export function clearCookie(name: string, secure: boolean): string {
  return setCookie(name, "", { maxAgeS: 0, secure });
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
