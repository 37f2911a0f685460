/**
 * Who is calling. In production an authenticating proxy in front of the app (as CERN SSO's
 * proxies do) sets the user and e-group headers; they are believed only when the request
 * comes from a configured proxy address. In OIDC mode the app signs users in itself and a
 * signed session cookie says who they are (server/auth/oidc-flow.ts; bearer tokens on
 * /api/trpc: bearer.ts). In local mode (loopback only) a developer picks a role. A caller with
 * no identity (or an invalid or expired session) is an anonymous viewer in every mode: it can
 * only read.
 */
import type { AppConfig } from "../config/config";
import { roleOfGroups } from "./oidc-claims";
import { type Role, roles, strongestRole } from "./roles";
import { isSessionPayload, nowSeconds, SESSION_COOKIE, type SessionPayload, verifyValue } from "./session";

export interface Identity {
  readonly user: string;
  readonly role: Role;
  readonly groups: readonly string[];
  /** proxy: the SSO proxy's headers; oidc: a session cookie; bearer: a provider's access token. */
  readonly via: "proxy" | "local" | "oidc" | "bearer" | "anonymous";
}

export const USER_HEADER = "x-forwarded-user";
export const GROUPS_HEADER = "x-forwarded-groups";
/** Local mode: the developer's chosen role, as a cookie set by the identity picker or a header. */
export const LOCAL_ROLE_COOKIE = "dqmflow_role";
export const LOCAL_ROLE_HEADER = "x-dqmflow-role";

export interface RequestFacts {
  headers: Headers;
  remoteAddress: string | undefined;
}

export const anonymous: Identity = { user: "anonymous", role: "viewer", groups: [], via: "anonymous" };

function isRole(s: string | undefined | null): s is Role {
  return !!s && (roles as readonly string[]).includes(s);
}

export function cookieValue(headers: Headers, name: string): string | undefined {
  const cookie = headers.get("cookie") ?? "";
  for (const part of cookie.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join("="));
    } catch {
      return undefined; // a malformed escape is no value, not a server error
    }
  }
  return undefined;
}

export type AuthConfig = Pick<AppConfig, "AUTH_MODE" | "AUTH_TRUSTED_PROXIES" | "AUTH_GROUP_ROLES" | "SESSION_SECRET">;

/** OIDC mode: the identity a valid, unexpired session cookie carries, or undefined. */
export function sessionIdentity(headers: Headers, cfg: AuthConfig, nowS = nowSeconds()): Identity | undefined {
  if (!cfg.SESSION_SECRET) return undefined;
  const verified = verifyValue<SessionPayload>("session", cookieValue(headers, SESSION_COOKIE), cfg.SESSION_SECRET, nowS);
  if (!verified.ok || !isSessionPayload(verified.value)) return undefined;
  const { user, groups } = verified.value;
  return { user, role: roleOfGroups(groups, cfg.AUTH_GROUP_ROLES), groups, via: "oidc" };
}

export function identityFromRequest(req: RequestFacts, cfg: AuthConfig): Identity {
  if (cfg.AUTH_MODE === "oidc") return sessionIdentity(req.headers, cfg) ?? anonymous;
  if (cfg.AUTH_MODE === "local") {
    const chosen = req.headers.get(LOCAL_ROLE_HEADER) ?? cookieValue(req.headers, LOCAL_ROLE_COOKIE);
    return isRole(chosen) ? { user: `dev-${chosen}`, role: chosen, groups: [], via: "local" } : anonymous;
  }
  const trusted = req.remoteAddress !== undefined && cfg.AUTH_TRUSTED_PROXIES.includes(req.remoteAddress);
  const user = req.headers.get(USER_HEADER);
  if (!trusted || !user) return anonymous;
  const groups = (req.headers.get(GROUPS_HEADER) ?? "").split(/[,;]/).map((g) => g.trim()).filter(Boolean);
  const mapped = groups.flatMap((g) => (cfg.AUTH_GROUP_ROLES[g] ? [cfg.AUTH_GROUP_ROLES[g]] : []));
  return { user, role: strongestRole(mapped, "viewer"), groups, via: "proxy" };
}
