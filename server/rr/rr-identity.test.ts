import { describe, expect, it } from "vitest";
import { parseConfig } from "../config/config";
import { RrAuthError } from "./errors";
import { requireRole, rrCaller } from "./rr-identity";

const env = { DATABASE_URL: "postgres://x/y", TEMPORAL_ADDRESS: "localhost:7233" };
const proxy = parseConfig({ ...env, AUTH_MODE: "proxy" });
const local = parseConfig({ ...env, AUTH_MODE: "local" });

describe("RR caller identity", () => {
  it("takes RR's email and egroups from the trusted proxy only", () => {
    const headers = { email: "ana@cern.ch", egroups: "cms-dqm-shifters;other" };
    expect(rrCaller({ headers, remoteAddress: "127.0.0.1" }, proxy).identity).toEqual({ user: "ana@cern.ch", role: "shifter", groups: ["cms-dqm-shifters", "other"], via: "proxy" });
    expect(rrCaller({ headers, remoteAddress: "10.0.0.9" }, proxy).identity).toMatchObject({ user: "anonymous", role: "viewer" });
    expect(rrCaller({ headers: { email: "api@api" }, remoteAddress: "127.0.0.1" }, proxy).identity).toMatchObject({ user: "api@api", role: "viewer" });
    expect(rrCaller({ headers: { "x-forwarded-user": "bo", "x-forwarded-groups": "cms-dqm-experts", email: "x@y" }, remoteAddress: "127.0.0.1" }, proxy).identity).toMatchObject({ user: "bo", role: "expert" });
  });

  it("refuses a write in local mode unless a role was chosen", () => {
    const unchosen = rrCaller({ headers: { email: "api@api" }, remoteAddress: "127.0.0.1" }, local);
    // Since a caller with no chosen role is an anonymous viewer (67cf1c8), it is no longer the default shifter.
    expect(unchosen.identity).toMatchObject({ role: "viewer", via: "anonymous" });
    expect(() => requireRole(unchosen, "shifter", local.AUTH_GROUP_ROLES, "editing lumisections")).toThrow(/in local mode choose a role first/);
    const chosen = rrCaller({ headers: { cookie: "a=b; dqmflow_role=expert" }, remoteAddress: "127.0.0.1" }, local);
    expect(requireRole(chosen, "expert", local.AUTH_GROUP_ROLES, "x")).toMatchObject({ role: "expert" });
  });

  it("names the e-groups that would carry the role", () => {
    const viewer = rrCaller({ headers: { email: "v@cern.ch", egroups: "cms-dqm-viewers" }, remoteAddress: "127.0.0.1" }, proxy);
    expect(() => requireRole(viewer, "expert", proxy.AUTH_GROUP_ROLES, "changing a run's class")).toThrow(RrAuthError);
    expect(() => requireRole(viewer, "expert", proxy.AUTH_GROUP_ROLES, "changing a run's class")).toThrow(
      "User needs to be part of any of the following e-groups to fulfill this action: cms-dqm-experts, cms-dqm-admins (changing a run's class needs the expert role; v@cern.ch is viewer)",
    );
  });
});
