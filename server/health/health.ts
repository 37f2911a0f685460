/**
 * Health of every component the product runs on, each probe bounded in time so a dead
 * service reports "down" quickly instead of hanging the page.
 */
import { sql } from "kysely";
import type { pingWorkflow } from "../../workflows/health/ping.workflow";
import type { AppServices } from "../app-services";

export interface ComponentHealth {
  readonly ok: boolean;
  readonly detail: string;
  readonly latencyMs: number;
}

export interface Health {
  readonly serverName: string;
  readonly temporalUiUrl: string;
  readonly database: ComponentHealth & { timescaledbVersion: string | null; edition: string | null };
  readonly temporal: ComponentHealth & { namespace: string };
  readonly worker: ComponentHealth & { taskQueue: string };
}

const PROBE_TIMEOUT_MS = 5000;

async function timed<T>(probe: () => Promise<T>): Promise<{ value?: T; error?: string; latencyMs: number }> {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
    });
    const value = await Promise.race([probe(), timeout]);
    return { value, latencyMs: Math.round(performance.now() - t0) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err), latencyMs: Math.round(performance.now() - t0) };
  } finally {
    clearTimeout(timer);
  }
}

async function databaseHealth(services: AppServices): Promise<Health["database"]> {
  const r = await timed(async () => {
    const ext = await sql<{ extversion: string }>`select extversion from pg_extension where extname = 'timescaledb'`.execute(services.db);
    const license = await sql<{ license: string }>`select current_setting('timescaledb.license', true) as license`.execute(services.db);
    return { version: ext.rows[0]?.extversion ?? null, edition: license.rows[0]?.license ?? null };
  });
  if (r.error || !r.value) return { ok: false, detail: r.error ?? "no answer", latencyMs: r.latencyMs, timescaledbVersion: null, edition: null };
  const { version, edition } = r.value;
  return {
    ok: version !== null,
    detail: version ? `TimescaleDB ${version} (${edition ?? "unknown"} edition)` : "connected, but the timescaledb extension is not installed: run the migrations",
    latencyMs: r.latencyMs,
    timescaledbVersion: version,
    edition,
  };
}

async function temporalHealth(services: AppServices): Promise<Health["temporal"]> {
  const namespace = services.config.TEMPORAL_NAMESPACE;
  const r = await timed(async () => {
    const client = await services.temporal();
    await client.workflowService.describeNamespace({ namespace });
  });
  return { ok: !r.error, detail: r.error ?? `namespace '${namespace}' reachable`, latencyMs: r.latencyMs, namespace };
}

async function workerHealth(services: AppServices): Promise<Health["worker"]> {
  const taskQueue = services.config.TEMPORAL_TASK_QUEUE;
  const r = await timed(async () => {
    const client = await services.temporal();
    return client.workflow.execute<typeof pingWorkflow>("pingWorkflow", {
      taskQueue,
      workflowId: `health-ping-${crypto.randomUUID()}`,
      args: ["health"],
      workflowExecutionTimeout: `${PROBE_TIMEOUT_MS}ms`,
    });
  });
  const ok = r.value === "pong: health";
  return { ok, detail: ok ? "workflow round trip completed" : `no worker answered: ${r.error ?? String(r.value)}`, latencyMs: r.latencyMs, taskQueue };
}

export async function checkHealth(services: AppServices): Promise<Health> {
  const [database, temporal, worker] = await Promise.all([databaseHealth(services), temporalHealth(services), workerHealth(services)]);
  return { serverName: services.config.SERVER_NAME, temporalUiUrl: services.config.TEMPORAL_UI_URL, database, temporal, worker };
}
