import { describe, expect, it } from "vitest";
import { identityFromRequest } from "./identity";

const cfg = {
  AUTH_MODE: "proxy" as const,
  AUTH_TRUSTED_PROXIES: ["10.0.0.5"],
  AUTH_GROUP_ROLES: { "cms-dqm-shifters": "shifter" as const, "cms-dqm-experts": "expert" as const },
};
const headers = (h: Record<string, string>) => new Headers(h);

describe("identityFromRequest", () => {
  it("believes the proxy's headers and takes the strongest mapped role", () => {
    const id = identityFromRequest(
      { headers: headers({ "x-forwarded-user": "jdoe", "x-forwarded-groups": "cms-dqm-shifters;cms-dqm-experts;cms-zz" }), remoteAddress: "10.0.0.5" },
      cfg,
    );
    expect(id).toMatchObject({ user: "jdoe", role: "expert", via: "proxy" });
  });

  it("ignores identity headers from an untrusted address", () => {
    const id = identityFromRequest({ headers: headers({ "x-forwarded-user": "mallory", "x-forwarded-groups": "cms-dqm-experts" }), remoteAddress: "10.0.0.9" }, cfg);
    expect(id).toMatchObject({ user: "anonymous", role: "viewer" });
  });

  it("gives a user in no mapped group the viewer role", () => {
    const id = identityFromRequest({ headers: headers({ "x-forwarded-user": "guest" }), remoteAddress: "10.0.0.5" }, cfg);
    expect(id.role).toBe("viewer");
  });

  it("lets a developer choose a role in local mode, by cookie or header", () => {
    const local = { ...cfg, AUTH_MODE: "local" as const };
    expect(identityFromRequest({ headers: headers({ cookie: "a=1; dqmflow_role=expert" }), remoteAddress: undefined }, local).role).toBe("expert");
    expect(identityFromRequest({ headers: headers({ "x-dqmflow-role": "viewer" }), remoteAddress: undefined }, local).role).toBe("viewer");
  });

  it("makes a local caller who chose no role (or no real one) an anonymous viewer", () => {
    const local = { ...cfg, AUTH_MODE: "local" as const };
    expect(identityFromRequest({ headers: headers({}), remoteAddress: "127.0.0.1" }, local)).toMatchObject({ user: "anonymous", role: "viewer", via: "anonymous" });
    expect(identityFromRequest({ headers: headers({ "x-dqmflow-role": "root" }), remoteAddress: undefined }, local).role).toBe("viewer");
  });
});
