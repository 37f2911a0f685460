/**
 * Helpers for integration tests on the real TimescaleDB and Temporal: app services from the
 * environment, an in-process worker on a task queue of the test's own, identities by role.
 */
import { randomUUID } from "node:crypto";
import { createAppServices, type AppServices } from "../app-services";
import type { Identity } from "../auth/identity";
import type { Role } from "../auth/roles";
import { parseConfig } from "../config/config";
import { createWorker } from "../../workflows/worker";

export function testServices(overrides: Record<string, string> = {}): AppServices {
  return createAppServices(parseConfig({ ...process.env, ...overrides }));
}

export function identityOf(role: Role, user = `test-${role}`): Identity {
  return { user, role, groups: [], via: "local" };
}

/** A worker polling a fresh task queue; `stop()` shuts it down and waits for it. */
export async function startTestWorker(services: AppServices) {
  const taskQueue = `test-${randomUUID()}`;
  const { worker, close } = await createWorker({
    address: services.config.TEMPORAL_ADDRESS,
    namespace: services.config.TEMPORAL_NAMESPACE,
    taskQueue,
    databaseUrl: services.config.DATABASE_URL,
  });
  const running = worker.run();
  return {
    taskQueue,
    async stop() {
      worker.shutdown();
      await running;
      await close();
    },
  };
}
