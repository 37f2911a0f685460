/** A Temporal client for the web server, CLI and tests; one connection per process. */
import { Client, Connection } from "@temporalio/client";
import type { TemporalSecurity } from "./temporal-connection";

/** `security`: TLS and API key from temporalSecurity(config()); none for a local dev server. */
export async function createTemporalClient(address: string, namespace: string, security: TemporalSecurity = {}): Promise<Client> {
  const connection = await Connection.connect({ address, connectTimeout: 3000, ...security });
  return new Client({ connection, namespace });
}
