/** Roles form a ladder: each role may do everything the roles below it may. */
export const roles = ["viewer", "shifter", "expert", "admin"] as const;
export type Role = (typeof roles)[number];

export function roleRank(role: Role): number {
  return roles.indexOf(role);
}

export function hasRole(actual: Role, needed: Role): boolean {
  return roleRank(actual) >= roleRank(needed);
}

/** The highest of several roles (a person in several e-groups gets the strongest). */
export function strongestRole(candidates: Iterable<Role>, fallback: Role): Role {
  let best = fallback;
  for (const r of candidates) if (roleRank(r) > roleRank(best)) best = r;
  return best;
}

/** The role just below `role`, or undefined for viewer. */
export function roleBelow(role: Role): Role | undefined {
  return roles[roleRank(role) - 1];
}
