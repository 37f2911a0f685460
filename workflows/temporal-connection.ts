/**
 * How dqmflow's processes reach Temporal: plain host:port for a dev server, TLS (optionally with
 * a client certificate, mTLS) and/or an API key for a secured cluster or Temporal Cloud. The web
 * server's and CLI's client and the worker's native connection take the same settings.
 */
import { readFileSync } from "node:fs";
import type { TLSConfig } from "@temporalio/client";
import type { AppConfig } from "../server/config/config";

export interface TemporalSecurity {
  /** Absent: no TLS. */
  readonly tls?: TLSConfig;
  readonly apiKey?: string;
}

export type TemporalSecuritySettings = Pick<
  AppConfig,
  "TEMPORAL_TLS_CERT_FILE" | "TEMPORAL_TLS_KEY_FILE" | "TEMPORAL_TLS_CA_FILE" | "TEMPORAL_TLS_SERVER_NAME" | "TEMPORAL_API_KEY"
>;

export class TemporalSecurityError extends Error {
  override name = "TemporalSecurityError";
}

function pem(variable: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new TemporalSecurityError(`${variable}: cannot read '${file}': ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The connection options of the settings; reads the PEM files, naming the variable of one that cannot be read. */
export function temporalSecurity(cfg: TemporalSecuritySettings): TemporalSecurity {
  const certFile = cfg.TEMPORAL_TLS_CERT_FILE;
  const keyFile = cfg.TEMPORAL_TLS_KEY_FILE;
  const useTls = certFile !== undefined || cfg.TEMPORAL_TLS_CA_FILE !== undefined || cfg.TEMPORAL_TLS_SERVER_NAME !== undefined || cfg.TEMPORAL_API_KEY !== undefined;
  if (!useTls) return {};
  if ((certFile === undefined) !== (keyFile === undefined)) {
    throw new TemporalSecurityError("TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE go together: set both or neither");
  }
  const tls: TLSConfig = {
    ...(certFile !== undefined && keyFile !== undefined ? { clientCertPair: { crt: pem("TEMPORAL_TLS_CERT_FILE", certFile), key: pem("TEMPORAL_TLS_KEY_FILE", keyFile) } } : {}),
    ...(cfg.TEMPORAL_TLS_CA_FILE !== undefined ? { serverRootCACertificate: pem("TEMPORAL_TLS_CA_FILE", cfg.TEMPORAL_TLS_CA_FILE) } : {}),
    ...(cfg.TEMPORAL_TLS_SERVER_NAME !== undefined ? { serverNameOverride: cfg.TEMPORAL_TLS_SERVER_NAME } : {}),
  };
  return { tls, ...(cfg.TEMPORAL_API_KEY !== undefined ? { apiKey: cfg.TEMPORAL_API_KEY } : {}) };
}
