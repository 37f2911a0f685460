/**
 * Who calls the RR surface, by the web app's rules (server/auth/identity.ts), plus RR's own
 * headers: behind CERN's SSO proxy RR receives `email` and `egroups`, so from a trusted proxy
 * those name the user and the e-groups that map to a role. In local mode a write needs a role
 * the developer chose (header or cookie); without one it is refused rather than done as the
 * default role.
 */
import type { IncomingHttpHeaders } from "node:http";
import { type AuthConfig, type Identity, identityFromRequest, LOCAL_ROLE_COOKIE, LOCAL_ROLE_HEADER, USER_HEADER } from "../auth/identity";
import { hasRole, type Role, strongestRole } from "../auth/roles";
import { RrAuthError } from "./errors";

export const RR_EMAIL_HEADER = "email";
export const RR_EGROUPS_HEADER = "egroups";

export interface RrCaller {
  readonly identity: Identity;
  /** Local mode: whether the developer chose the role (a write is refused otherwise). */
  readonly roleChosen: boolean;
}


function toHeaders(h: IncomingHttpHeaders): Headers {
  const out = new Headers();
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out.set(k, Array.isArray(v) ? v.join(", ") : v);
  return out;
}

export function rrCaller(req: { headers: IncomingHttpHeaders; remoteAddress: string | undefined }, cfg: AuthConfig): RrCaller {
  const headers = toHeaders(req.headers);
  const identity = identityFromRequest({ headers, remoteAddress: req.remoteAddress }, cfg);
  // In local mode a caller who chose no real role is anonymous (identityFromRequest decides).
  if (cfg.AUTH_MODE === "local") return { identity, roleChosen: identity.via === "local" };
  const trusted = req.remoteAddress !== undefined && cfg.AUTH_TRUSTED_PROXIES.includes(req.remoteAddress);
  const email = headers.get(RR_EMAIL_HEADER);
  // Only the proxy mode believes a proxy's headers (in OIDC mode a reverse proxy on loopback passes on whatever a client sent).
  if (cfg.AUTH_MODE === "proxy" && identity.via === "anonymous" && trusted && !headers.get(USER_HEADER) && email) {
    const groups = (headers.get(RR_EGROUPS_HEADER) ?? "").split(/[,;]/).map((g) => g.trim()).filter(Boolean);
    const mapped = groups.flatMap((g) => (cfg.AUTH_GROUP_ROLES[g] ? [cfg.AUTH_GROUP_ROLES[g]] : []));
    return { identity: { user: email, role: strongestRole(mapped, "viewer"), groups, via: "proxy" }, roleChosen: true };
  }
  return { identity, roleChosen: true };
}

/** RR's 401 text, naming the e-groups that carry `role` or a stronger one. */
export function requireRole(caller: RrCaller, role: Role, groupRoles: Readonly<Record<string, Role>>, action: string): Identity {
  if (!caller.roleChosen) {
    throw new RrAuthError(`${action} needs the ${role} role: in local mode choose a role first (header ${LOCAL_ROLE_HEADER} or cookie ${LOCAL_ROLE_COOKIE}); a write is not done as the default role`);
  }
  if (hasRole(caller.identity.role, role)) return caller.identity;
  const groups = Object.entries(groupRoles).filter(([, r]) => hasRole(r, role)).map(([g]) => g);
  throw new RrAuthError(`User needs to be part of any of the following e-groups to fulfill this action: ${groups.join(", ") || `(any with the ${role} role)`} (${action} needs the ${role} role; ${caller.identity.user} is ${caller.identity.role})`);
}
