import { describe, expect, it } from "vitest";
import { rrCaller } from "../rr/rr-identity";
import { identityFromRequest } from "./identity";
import { setCookie, signValue, SESSION_COOKIE, verifyValue } from "./session";

const secret = "s".repeat(32);
const now = 1_800_000_000;
const session = { sub: "u-1", user: "ana", groups: ["cms-dqm-experts"], iat: now, exp: now + 3600 };

describe("signed cookie values", () => {
  it("gives back what was signed, until it expires", () => {
    const v = signValue("session", session, secret);
    expect(verifyValue("session", v, secret, now)).toEqual({ ok: true, value: session });
    expect(verifyValue("session", v, secret, now + 3599).ok).toBe(true);
    expect(verifyValue("session", v, secret, now + 3600)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses a value whose payload or signature was changed", () => {
    const v = signValue("session", session, secret);
    const [body, sig] = v.split(".") as [string, string];
    const promoted = Buffer.from(JSON.stringify({ ...session, groups: ["cms-dqm-admins"] })).toString("base64url");
    expect(verifyValue("session", `${promoted}.${sig}`, secret, now)).toEqual({ ok: false, reason: "bad signature" });
    const flipped = sig.slice(0, -2) + (sig.endsWith("A") ? "B" : "A") + sig.slice(-1);
    expect(verifyValue("session", `${body}.${flipped}`, secret, now)).toEqual({ ok: false, reason: "bad signature" });
    expect(verifyValue("session", `${body}.${sig.slice(0, 10)}`, secret, now)).toEqual({ ok: false, reason: "bad signature" });
    expect(verifyValue("session", `${body}.${sig}.x`, secret, now)).toEqual({ ok: false, reason: "malformed" });
    expect(verifyValue("session", undefined, secret, now)).toEqual({ ok: false, reason: "no cookie" });
  });

  it("refuses a value signed with another secret or for another purpose", () => {
    expect(verifyValue("session", signValue("session", session, "t".repeat(32)), secret, now).ok).toBe(false);
    // A login-state cookie is signed with the same secret but may never pass as a session.
    expect(verifyValue("session", signValue("login", session, secret), secret, now)).toEqual({ ok: false, reason: "bad signature" });
  });

  it("refuses a signed payload without an expiry", () => {
    expect(verifyValue("session", signValue("session", { exp: "never" } as never, secret), secret, now)).toEqual({ ok: false, reason: "no expiry" });
  });

  it("sets cookies HttpOnly and SameSite=Lax, Secure when asked", () => {
    expect(setCookie("a", "v", { maxAgeS: 60, secure: false })).toBe("a=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=60");
    expect(setCookie("a", "v", { maxAgeS: 60, secure: true })).toMatch(/; Secure$/);
  });
});

describe("identityFromRequest in OIDC mode", () => {
  const cfg = {
    AUTH_MODE: "oidc" as const,
    AUTH_TRUSTED_PROXIES: ["127.0.0.1"],
    AUTH_GROUP_ROLES: { "cms-dqm-shifters": "shifter" as const, "cms-dqm-experts": "expert" as const },
    SESSION_SECRET: secret,
  };
  const withCookie = (value: string, extra: Record<string, string> = {}) => new Headers({ cookie: `x=1; ${SESSION_COOKIE}=${value}`, ...extra });
  const live = { ...session, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600 };

  it("takes the user and the strongest mapped role from a valid session", () => {
    const id = identityFromRequest({ headers: withCookie(signValue("session", { ...live, groups: ["cms-dqm-shifters", "cms-dqm-experts"] }, secret)), remoteAddress: "10.1.1.1" }, cfg);
    expect(id).toEqual({ user: "ana", role: "expert", groups: ["cms-dqm-shifters", "cms-dqm-experts"], via: "oidc" });
  });

  it("makes a caller with an expired, forged or no session an anonymous viewer", () => {
    const expired = signValue("session", { ...live, exp: live.iat - 1 }, secret);
    const forged = signValue("session", live, "f".repeat(32));
    for (const headers of [withCookie(expired), withCookie(forged), new Headers()]) {
      expect(identityFromRequest({ headers, remoteAddress: "127.0.0.1" }, cfg)).toMatchObject({ user: "anonymous", role: "viewer", via: "anonymous" });
    }
  });

  it("never believes proxy headers or a local role choice", () => {
    const headers = new Headers({ "x-forwarded-user": "mallory", "x-forwarded-groups": "cms-dqm-experts", "x-dqmflow-role": "admin", cookie: "dqmflow_role=admin" });
    expect(identityFromRequest({ headers, remoteAddress: "127.0.0.1" }, cfg)).toMatchObject({ user: "anonymous", role: "viewer" });
  });

  it("does not believe the Run Registry surface's email/egroups headers either", () => {
    const caller = rrCaller({ headers: { email: "mallory@cern.ch", egroups: "cms-dqm-experts" }, remoteAddress: "127.0.0.1" }, cfg);
    expect(caller.identity).toMatchObject({ user: "anonymous", role: "viewer" });
  });

  it("maps groups with the configuration of now: a group no longer mapped gives no role", () => {
    const id = identityFromRequest({ headers: withCookie(signValue("session", live, secret)), remoteAddress: undefined }, { ...cfg, AUTH_GROUP_ROLES: {} });
    expect(id).toMatchObject({ user: "ana", role: "viewer", via: "oidc" });
  });
});
