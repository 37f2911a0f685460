/**
 * The link settings (DQM_GUI_URL, OMS_URL, RUN_REGISTRY_URL, ELOG_URL) reach the run sheet's links
 * through the real tRPC endpoint over HTTP on the real database, and an unset one keeps its default.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedRun } from "../../workflows/certification/testing/cert-test-kit";
import { defaultLinkBases } from "../hdqm/links";
import { identityOf, testServices } from "../testing/integration";
import { handleTrpcRequest } from "../trpc/http-handler";

const services = testServices({ DQM_GUI_URL: "https://dqm-test.example.org/dqm/dev/start", OMS_URL: "http://127.0.0.1:8099/oms/", ELOG_URL: "https://elog-test.example.org/search" });
const viewer = { services, identity: identityOf("viewer") };
let server: Server;
let origin = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    const request = new Request(`http://127.0.0.1${req.url ?? "/"}`, { method: req.method ?? "GET", headers: req.headers as Record<string, string> });
    void handleTrpcRequest(request, viewer).then(async (answer) => {
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await services.close();
});

describe("the run sheet's links", () => {
  it("are built on the configured bases, over HTTP", async () => {
    const { runNumber } = await seedRun(services.db, { lsCount: 2 });
    const answer = await fetch(`${origin}/api/trpc/overview.runSheet?input=${encodeURIComponent(JSON.stringify({ runNumber }))}`);
    expect(answer.status).toBe(200);
    const { links } = ((await answer.json()) as { result: { data: { links: Record<string, string> } } }).result.data;
    expect(links.dqmGui).toMatch(new RegExp(`^https://dqm-test\\.example\\.org/dqm/dev/start\\?runnr=${runNumber};`));
    expect(links.oms).toBe(`http://127.0.0.1:8099/oms?cms_run=${runNumber}`);
    expect(links.elog).toBe(`https://elog-test.example.org/search?search=${runNumber}`);
    // Not set: today's base.
    expect(links.runRegistry).toBe(`${defaultLinkBases.runRegistry}?run_number=${runNumber}`);
  });
});
