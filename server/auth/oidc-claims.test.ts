import { describe, expect, it } from "vitest";
import { parseConfig } from "../config/config";
import { claimAt, groupsFromClaims, mappedGroups, roleOfGroups, userFromClaims } from "./oidc-claims";

const groupRoles = { "cms-dqm-shifters": "shifter", "cms-dqm-experts": "expert", "dqm-admin": "admin" } as const;

describe("claims to groups and role", () => {
  const claims = {
    sub: "f1e2",
    preferred_username: "ana",
    cern_roles: ["cms-dqm-shifters", "default-role"],
    resource_access: { dqmflow: { roles: ["cms-dqm-experts"] }, other: { roles: ["dqm-admin"] } },
    "https://example.org/groups": "a b,c",
    scope_roles: 42,
  };

  it("reads plain and nested claims, and a claim literally named with dots", () => {
    expect(claimAt(claims, "resource_access.dqmflow.roles")).toEqual(["cms-dqm-experts"]);
    expect(claimAt(claims, "resource_access.nobody.roles")).toBeUndefined();
    expect(claimAt(claims, "cern_roles.length")).toBeUndefined();
    expect(groupsFromClaims(claims, ["https://example.org/groups"])).toEqual(["a", "b", "c"]);
  });

  it("takes the groups of every configured claim, ignoring values that are not strings", () => {
    expect(groupsFromClaims(claims, ["cern_roles", "resource_access.dqmflow.roles", "scope_roles", "missing"])).toEqual(["cms-dqm-shifters", "default-role", "cms-dqm-experts"]);
    expect(groupsFromClaims({ cern_roles: [1, null, " x "] }, ["cern_roles"])).toEqual(["x"]);
  });

  it("gives the strongest mapped role; another client's roles do not count", () => {
    const groups = groupsFromClaims(claims, ["cern_roles", "resource_access.dqmflow.roles"]);
    expect(mappedGroups(groups, groupRoles)).toEqual(["cms-dqm-shifters", "cms-dqm-experts"]);
    expect(roleOfGroups(groups, groupRoles)).toBe("expert");
    expect(roleOfGroups(["default-role", "toString", "__proto__"], groupRoles)).toBe("viewer");
  });

  it("names the user by the configured claim, else a service client's id, else the subject", () => {
    expect(userFromClaims(claims, "preferred_username")).toBe("ana");
    expect(userFromClaims({ sub: "s-1", client_id: "rr-sync" }, "preferred_username")).toBe("rr-sync");
    expect(userFromClaims({ sub: "s-1" }, "email")).toBe("s-1");
    expect(userFromClaims({}, "email")).toBeUndefined();
  });
});

describe("OIDC settings", () => {
  const base = { DATABASE_URL: "postgres://u@localhost:5432/db", TEMPORAL_ADDRESS: "localhost:7233", AUTH_MODE: "oidc" };
  const complete = { ...base, OIDC_ISSUER: "https://auth.example.org/realms/cern", OIDC_CLIENT_ID: "dqmflow", OIDC_CLIENT_SECRET: "x", PUBLIC_URL: "https://dqm.example.org/", SESSION_SECRET: "k".repeat(32) };

  it("refuses to start without a required setting, naming each", () => {
    expect(() => parseConfig(base)).toThrowError(/OIDC_ISSUER: required in AUTH_MODE=oidc.*OIDC_CLIENT_ID.*OIDC_CLIENT_SECRET.*PUBLIC_URL.*SESSION_SECRET: required/s);
    expect(() => parseConfig({ ...complete, SESSION_SECRET: "short" })).toThrowError(/SESSION_SECRET: is 5 bytes; at least 32/);
  });

  it("refuses plain http off this machine, and a public URL with a path", () => {
    expect(() => parseConfig({ ...complete, PUBLIC_URL: "http://dqm.example.org" })).toThrowError(/PUBLIC_URL: 'http:\/\/dqm\.example\.org' must be https/);
    expect(() => parseConfig({ ...complete, OIDC_ISSUER: "http://auth.example.org/realms/cern" })).toThrowError(/OIDC_ISSUER: .* must be https/);
    expect(() => parseConfig({ ...complete, PUBLIC_URL: "https://dqm.example.org/app" })).toThrowError(/PUBLIC_URL: must be an origin/);
    expect(parseConfig({ ...complete, OIDC_ISSUER: "http://127.0.0.1:9000", PUBLIC_URL: "http://localhost:3000" }).PUBLIC_URL).toBe("http://localhost:3000");
  });

  it("parses claims and algorithms, refusing unknown or symmetric algorithms", () => {
    const c = parseConfig({ ...complete, OIDC_GROUPS_CLAIM: "cern_roles, resource_access.dqmflow.roles" });
    expect(c.OIDC_GROUPS_CLAIM).toEqual(["cern_roles", "resource_access.dqmflow.roles"]);
    expect(c.OIDC_TOKEN_ALGS).toEqual(["RS256", "PS256", "ES256"]);
    expect(c.PUBLIC_URL).toBe("https://dqm.example.org");
    expect(() => parseConfig({ ...complete, OIDC_TOKEN_ALGS: "RS256,HS256" })).toThrowError(/OIDC_TOKEN_ALGS: unknown algorithm\(s\) HS256/);
    expect(() => parseConfig({ ...complete, OIDC_GROUPS_CLAIM: "a..b" })).toThrowError(/OIDC_GROUPS_CLAIM/);
  });

  it("reads secrets from files", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const dir = mkdtempSync(`${(await import("node:os")).tmpdir()}/dqmflow-secret-`);
    writeFileSync(`${dir}/client`, "from-file\n");
    const { OIDC_CLIENT_SECRET: _omitted, ...withoutSecret } = complete;
    expect(parseConfig({ ...withoutSecret, OIDC_CLIENT_SECRET_FILE: `${dir}/client` }).OIDC_CLIENT_SECRET).toBe("from-file");
    expect(() => parseConfig({ ...withoutSecret, OIDC_CLIENT_SECRET_FILE: `${dir}/none` })).toThrowError(/OIDC_CLIENT_SECRET_FILE: cannot read .*ENOENT/);
    expect(() => parseConfig({ ...complete, OIDC_CLIENT_SECRET_FILE: `${dir}/client` })).toThrowError(/set together with OIDC_CLIENT_SECRET/);
  });
});
