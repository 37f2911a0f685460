/**
 * The web server's API path in small, for integration tests that must go through real HTTP:
 * the body cap and the front cache as app/http-server.ts mounts them, then the tRPC route as
 * Remix calls it (the Node request turned into a Fetch Request with its streamed body, the
 * caller's identity from its headers). Listens on an ephemeral loopback port.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { AppServices } from "../app-services";
import { identityFromRequest } from "../auth/identity";
import { trpcFrontCache } from "../trpc/front-cache";
import { handleTrpcRequest } from "../trpc/http-handler";
import { bodyLimit } from "./body-limit";
import { fetchHeaders } from "../trpc/front-cache";

export interface ApiTestServer {
  readonly origin: string;
  close(): Promise<void>;
}


async function route(services: AppServices, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers = fetchHeaders(req);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const request = new Request(`http://127.0.0.1${req.url ?? "/"}`, {
    method: req.method ?? "GET",
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  });
  const identity = await Promise.resolve(identityFromRequest({ headers, remoteAddress: req.socket.remoteAddress }, services.config));
  const answer = await handleTrpcRequest(request, { services, identity });
  res.writeHead(answer.status, Object.fromEntries(answer.headers));
  if (!answer.body) return void res.end();
  // Streamed as Remix does, so a subscription's events flow while it lives.
  const body = Readable.fromWeb(answer.body as WebReadableStream<Uint8Array>);
  res.on("close", () => body.destroy());
  body.on("error", () => res.destroy());
  body.pipe(res);
}

export async function startApiTestServer(services: AppServices): Promise<ApiTestServer> {
  const cap = bodyLimit();
  const front = trpcFrontCache(services);
  const server: Server = createServer((req, res) => {
    cap(req, res, () =>
      front(req, res, () => {
        route(services, req, res).catch((err: unknown) => {
          if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
          res.end(`unexpected: ${err instanceof Error ? err.message : String(err)}`);
        });
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
