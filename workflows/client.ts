/** A Temporal client for the web server, CLI and tests; one connection per process. */
import { Client, Connection } from "@temporalio/client";

export async function createTemporalClient(address: string, namespace: string): Promise<Client> {
  const connection = await Connection.connect({ address, connectTimeout: 3000 });
  return new Client({ connection, namespace });
}
