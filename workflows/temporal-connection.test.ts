import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../server/config/config";
import { TemporalSecurityError, temporalSecurity } from "./temporal-connection";

const base = { DATABASE_URL: "postgres://db/x", TEMPORAL_ADDRESS: "temporal:7233" };
const dir = mkdtempSync(path.join(os.tmpdir(), "dqmflow-temporal-security-"));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("Temporal connection settings", () => {
  it("no TLS settings: a plain connection, as to the dev server", () => {
    expect(temporalSecurity(parseConfig(base))).toEqual({});
  });

  it("certificate, key, CA and server name become the TLS options; the API key rides along", () => {
    const cfg = parseConfig({
      ...base,
      TEMPORAL_TLS_CERT_FILE: file("c.crt", "CERT"),
      TEMPORAL_TLS_KEY_FILE: file("c.key", "KEY"),
      TEMPORAL_TLS_CA_FILE: file("ca.crt", "CA"),
      TEMPORAL_TLS_SERVER_NAME: "frontend.temporal",
      TEMPORAL_API_KEY: "k",
    });
    const s = temporalSecurity(cfg);
    expect(Buffer.from(s.tls!.clientCertPair!.crt).toString()).toBe("CERT");
    expect(Buffer.from(s.tls!.clientCertPair!.key).toString()).toBe("KEY");
    expect(Buffer.from(s.tls!.serverRootCACertificate!).toString()).toBe("CA");
    expect(s.tls!.serverNameOverride).toBe("frontend.temporal");
    expect(s.apiKey).toBe("k");
  });

  it("an API key alone means TLS with the system's roots", () => {
    expect(temporalSecurity(parseConfig({ ...base, TEMPORAL_API_KEY: "k" }))).toEqual({ tls: {}, apiKey: "k" });
  });

  it("half a certificate pair is refused at start-up, naming the missing variable", () => {
    expect(() => parseConfig({ ...base, TEMPORAL_TLS_CERT_FILE: "/x.crt" })).toThrow(ConfigError);
    expect(() => parseConfig({ ...base, TEMPORAL_TLS_CERT_FILE: "/x.crt" })).toThrow(/TEMPORAL_TLS_KEY_FILE: required with the other half/);
    expect(() => parseConfig({ ...base, TEMPORAL_TLS_KEY_FILE: "/x.key" })).toThrow(/TEMPORAL_TLS_CERT_FILE: required/);
  });

  it("a file that cannot be read is named by its variable", () => {
    const cfg = parseConfig({ ...base, TEMPORAL_TLS_CA_FILE: path.join(dir, "missing.crt") });
    expect(() => temporalSecurity(cfg)).toThrow(TemporalSecurityError);
    expect(() => temporalSecurity(cfg)).toThrow(/^TEMPORAL_TLS_CA_FILE: cannot read '.*missing\.crt'/);
  });
});
