/**
 * Temporal behind mTLS and an API key, as a secured cluster or Temporal Cloud is: a TLS gRPC
 * front (node:http2, client certificates required, `authorization: Bearer <key>` checked) is
 * put before the test profile's dev server, which speaks plain gRPC only. The web server's
 * client and the worker's native connection reach it with the settings of the environment
 * (TEMPORAL_TLS_*, TEMPORAL_API_KEY) and nothing less.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../server/config/config";
import { createTemporalClient } from "./client";
import { temporalSecurity } from "./temporal-connection";
import type { pingWorkflow } from "./health/ping.workflow";
import { createWorker } from "./worker";

const API_KEY = "test-api-key-of-the-tls-front";
const SERVER_NAME = "temporal.test";

/** A CA, a server certificate for SERVER_NAME and a client certificate, all signed by the CA. */
function makeCertificates(dir: string): Record<"ca" | "serverCert" | "serverKey" | "clientCert" | "clientKey" | "otherCa", string> {
  const f = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  for (const ca of ["ca", "other-ca"]) openssl("req", "-x509", ...ec, "-keyout", f(`${ca}.key`), "-out", f(`${ca}.crt`), "-subj", `/CN=${ca}`, "-days", "1");
  writeFileSync(f("server.ext"), `subjectAltName=DNS:${SERVER_NAME}\nextendedKeyUsage=serverAuth\n`);
  writeFileSync(f("client.ext"), "subjectAltName=DNS:dqmflow-worker\nextendedKeyUsage=clientAuth\n");
  for (const who of ["server", "client"]) {
    openssl("req", ...ec, "-keyout", f(`${who}.key`), "-out", f(`${who}.csr`), "-subj", `/CN=${who}`);
    openssl("x509", "-req", "-in", f(`${who}.csr`), "-CA", f("ca.crt"), "-CAkey", f("ca.key"), "-CAcreateserial", "-out", f(`${who}.crt`), "-days", "1", "-extfile", f(`${who}.ext`));
  }
  return { ca: f("ca.crt"), serverCert: f("server.crt"), serverKey: f("server.key"), clientCert: f("client.crt"), clientKey: f("client.key"), otherCa: f("other-ca.crt") };
}

/** A TLS gRPC front: client certificates signed by `ca` required, the API key checked, the rest passed to `upstream`. */
async function tlsFront(opts: { key: string; cert: string; ca: string; upstream: string }) {
  const upstream = http2.connect(`http://${opts.upstream}`);
  upstream.on("error", () => undefined);
  const refused: string[] = [];
  const server = http2.createSecureServer({ key: readFileSync(opts.key), cert: readFileSync(opts.cert), ca: readFileSync(opts.ca), requestCert: true, rejectUnauthorized: true });
  server.on("stream", (stream, headers) => {
    if (headers.authorization !== `Bearer ${API_KEY}`) {
      refused.push(String(headers[":path"]));
      stream.respond({ ":status": 200, "content-type": "application/grpc", "grpc-status": "16", "grpc-message": "API key missing or wrong" }, { endStream: true });
      return;
    }
    const forward: http2.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(headers)) if (k !== ":authority" && k !== ":scheme" && v !== undefined) forward[k] = v;
    const req = upstream.request(forward);
    let trailers: http2.IncomingHttpHeaders = {};
    req.on("trailers", (t: http2.IncomingHttpHeaders) => {
      trailers = t;
    });
    req.on("response", (h) => {
      if (stream.destroyed) return req.close(http2.constants.NGHTTP2_CANCEL);
      const out: http2.OutgoingHttpHeaders = {};
      for (const [k, v] of Object.entries(h)) if (!k.startsWith(":") || k === ":status") out[k] = v;
      const trailersOnly = h["grpc-status"] !== undefined;
      stream.respond(out, trailersOnly ? { endStream: true } : { waitForTrailers: true });
      if (trailersOnly) return;
      stream.on("wantTrailers", () => {
        if (stream.destroyed) return;
        const t: http2.OutgoingHttpHeaders = {};
        for (const [k, v] of Object.entries(trailers)) if (!k.startsWith(":")) t[k] = v;
        stream.sendTrailers(t);
      });
      req.pipe(stream);
    });
    stream.pipe(req);
    req.on("error", () => stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR));
    stream.on("error", () => req.close(http2.constants.NGHTTP2_CANCEL));
  });
  server.on("tlsClientError", () => refused.push("tls handshake"));
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on("session", (session) => {
    sessions.add(session);
    session.on("close", () => sessions.delete(session));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    refused,
    close: () =>
      new Promise<void>((resolve) => {
        upstream.close();
        server.close(() => resolve());
        for (const session of sessions) session.destroy();
      }),
  };
}

describe("Temporal behind mTLS and an API key", () => {
  let dir: string;
  let certs: ReturnType<typeof makeCertificates>;
  let front: Awaited<ReturnType<typeof tlsFront>>;
  const namespace = process.env.TEMPORAL_NAMESPACE ?? "default";

  /** The process's settings as the deployment gives them, with the front as TEMPORAL_ADDRESS. */
  const settings = (overrides: Record<string, string | undefined> = {}) =>
    parseConfig({
      ...process.env,
      TEMPORAL_ADDRESS: front.address,
      TEMPORAL_TLS_CERT_FILE: certs.clientCert,
      TEMPORAL_TLS_KEY_FILE: certs.clientKey,
      TEMPORAL_TLS_CA_FILE: certs.ca,
      TEMPORAL_TLS_SERVER_NAME: SERVER_NAME,
      TEMPORAL_API_KEY: API_KEY,
      ...overrides,
    });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "dqmflow-temporal-tls-"));
    certs = makeCertificates(dir);
    front = await tlsFront({ key: certs.serverKey, cert: certs.serverCert, ca: certs.ca, upstream: process.env.TEMPORAL_ADDRESS ?? "" });
  });
  afterAll(async () => {
    await front?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a worker's native connection and a client with the certificate and key reach Temporal and run a workflow", async () => {
    const c = settings();
    const security = temporalSecurity(c);
    const taskQueue = `tls-${Date.now()}`;
    const { worker, close } = await createWorker({ address: c.TEMPORAL_ADDRESS, namespace, taskQueue, databaseUrl: c.DATABASE_URL, security });
    const running = worker.run();
    const client = await createTemporalClient(c.TEMPORAL_ADDRESS, namespace, security);
    try {
      const answer = await client.workflow.execute<typeof pingWorkflow>("pingWorkflow", { taskQueue, workflowId: `tls-ping-${taskQueue}`, args: ["over mTLS"], workflowExecutionTimeout: "30s" });
      expect(answer).toBe("pong: over mTLS");
    } finally {
      await client.connection.close();
      worker.shutdown();
      await running;
      await close();
    }
  });

  it("without the client certificate the TLS handshake is refused", async () => {
    const c = settings({ TEMPORAL_TLS_CERT_FILE: undefined, TEMPORAL_TLS_KEY_FILE: undefined });
    await expect(createTemporalClient(c.TEMPORAL_ADDRESS, namespace, temporalSecurity(c)).then((cl) => cl.workflowService.getSystemInfo({}))).rejects.toThrow();
    expect(front.refused).toContain("tls handshake");
  });

  it("a wrong API key is refused as UNAUTHENTICATED, and a server certificate of another CA is not trusted", async () => {
    const wrongKey = settings({ TEMPORAL_API_KEY: "not-the-key" });
    const refusal = await createTemporalClient(wrongKey.TEMPORAL_ADDRESS, namespace, temporalSecurity(wrongKey)).then(
      () => undefined,
      (err: unknown) => err as Error & { cause?: unknown },
    );
    expect(refusal, "a client with a wrong API key connected").toBeInstanceOf(Error);
    expect(`${String(refusal)} ${String(refusal?.cause)}`).toMatch(/API key missing or wrong/);
    expect(front.refused.some((p) => p.startsWith("/temporal.api.workflowservice.v1.WorkflowService/"))).toBe(true);
    const otherCa = settings({ TEMPORAL_TLS_CA_FILE: certs.otherCa });
    await expect(createTemporalClient(otherCa.TEMPORAL_ADDRESS, namespace, temporalSecurity(otherCa)).then((cl) => cl.workflowService.getSystemInfo({}))).rejects.toThrow();
  });
});
