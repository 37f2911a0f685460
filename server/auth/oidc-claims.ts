/**
 * From an OIDC provider's claims (ID token, UserInfo, or a bearer access token) to who the caller
 * is: the user's name, the groups found under the configured claims (CERN's Keycloak puts roles
 * and e-groups in `cern_roles`; Keycloak in general in `resource_access.<client>.roles`), and the
 * strongest role AUTH_GROUP_ROLES gives those groups.
 */
import type { Role } from "./roles";
import { strongestRole } from "./roles";

export type Claims = Readonly<Record<string, unknown>>;

/** The value at a dotted path (`resource_access.dqmflow.roles`); a claim literally named with dots wins. */
export function claimAt(claims: Claims, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path];
  let at: unknown = claims;
  for (const part of path.split(".")) {
    if (typeof at !== "object" || at === null || Array.isArray(at) || !Object.hasOwn(at, part)) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/** Groups under each path: an array of strings, or one string (comma- or space-separated). Other values are ignored. */
export function groupsFromClaims(claims: Claims, paths: readonly string[]): string[] {
  const found = new Set<string>();
  for (const path of paths) {
    const v = claimAt(claims, path);
    const items = Array.isArray(v) ? v : typeof v === "string" ? v.split(/[\s,]+/) : [];
    for (const item of items) if (typeof item === "string" && item.trim()) found.add(item.trim());
  }
  return [...found];
}

/** The groups that map to a role (the only ones a session keeps). */
export function mappedGroups(groups: readonly string[], groupRoles: Readonly<Record<string, Role>>): string[] {
  return groups.filter((g) => Object.hasOwn(groupRoles, g));
}

export function roleOfGroups(groups: readonly string[], groupRoles: Readonly<Record<string, Role>>): Role {
  return strongestRole(mappedGroups(groups, groupRoles).map((g) => groupRoles[g]!), "viewer");
}

/** The user's name: the configured claim, else a service client's id (client_id, RFC 9068), else the subject. */
export function userFromClaims(claims: Claims, userClaim: string): string | undefined {
  for (const v of [claimAt(claims, userClaim), claims.client_id, claims.sub]) {
    if (typeof v === "string" && v.trim()) return v.trim().slice(0, 200);
  }
  return undefined;
}
