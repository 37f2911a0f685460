import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config";

const base = { DATABASE_URL: "postgres://u@localhost:5432/db", TEMPORAL_ADDRESS: "localhost:7233" };

describe("parseConfig", () => {
  it("applies defaults", () => {
    const c = parseConfig(base);
    expect(c.PORT).toBe(3000);
    expect(c.HOST).toBe("127.0.0.1");
    expect(c.AUTH_MODE).toBe("local");
    expect(c.TEMPORAL_NAMESPACE).toBe("default");
    expect(c.AUTH_GROUP_ROLES["cms-dqm-shifters"]).toBe("shifter");
  });

  it("names each wrong variable", () => {
    expect(() => parseConfig({ ...base, PORT: "seventy", TEMPORAL_ADDRESS: "nowhere" })).toThrowError(ConfigError);
    try {
      parseConfig({ ...base, PORT: "seventy", TEMPORAL_ADDRESS: "nowhere" });
    } catch (e) {
      expect(String(e)).toMatch(/PORT/);
      expect(String(e)).toMatch(/TEMPORAL_ADDRESS: must be host:port/);
    }
  });

  it("rejects a group map entry with an unknown role", () => {
    expect(() => parseConfig({ ...base, AUTH_GROUP_ROLES: "cms-x:superuser" })).toThrowError(/AUTH_GROUP_ROLES.*cms-x:superuser/s);
  });

  it("keeps local mode on loopback: another address needs a real identity mode", () => {
    expect(() => parseConfig({ ...base, HOST: "0.0.0.0" })).toThrowError(/HOST: '0\.0\.0\.0' is reachable from other machines.*AUTH_MODE=proxy or oidc/s);
    expect(parseConfig({ ...base, HOST: "::1" }).HOST).toBe("::1");
    expect(parseConfig({ ...base, HOST: "0.0.0.0", AUTH_MODE: "proxy" }).HOST).toBe("0.0.0.0");
  });
});
