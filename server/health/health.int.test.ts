import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../app-services";
import { identityOf, startTestWorker, testServices } from "../testing/integration";
import { createCaller } from "../trpc/app-router";

describe("health on the real services", () => {
  let services: AppServices;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;

  beforeAll(async () => {
    const probe = testServices();
    worker = await startTestWorker(probe);
    await probe.close();
    services = testServices({ TEMPORAL_TASK_QUEUE: worker.taskQueue, SERVER_NAME: "int-test-host" });
  });
  afterAll(async () => {
    await worker.stop();
    await services.close();
  });

  it("reports TimescaleDB, the Temporal namespace and a worker round trip", async () => {
    const health = await createCaller({ services, identity: identityOf("viewer") }).health.status();
    expect(health.serverName).toBe("int-test-host");
    expect(health.database).toMatchObject({ ok: true, edition: "apache" });
    expect(health.database.timescaledbVersion).toMatch(/^2\.\d+/);
    expect(health.temporal.ok).toBe(true);
    expect(health.worker).toMatchObject({ ok: true, detail: "workflow round trip completed" });
  });

  it("reports a worker as down when nobody polls its task queue", async () => {
    const lonely = testServices({ TEMPORAL_TASK_QUEUE: "nobody-polls-this-queue" });
    try {
      const health = await createCaller({ services: lonely, identity: identityOf("viewer") }).health.status();
      expect(health.worker.ok).toBe(false);
      expect(health.worker.detail).toMatch(/no worker answered/);
    } finally {
      await lonely.close();
    }
  }, 20_000);

  it("reports the database as down when it cannot be reached", async () => {
    const nowhere = testServices({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/none" });
    try {
      const health = await createCaller({ services: nowhere, identity: identityOf("viewer") }).health.status();
      expect(health.database.ok).toBe(false);
      expect(health.database.detail).toMatch(/ECONNREFUSED|connect/);
    } finally {
      await nowhere.close();
    }
  });
});
