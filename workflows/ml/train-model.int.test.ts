import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../server/app-services";
import { lsHistogramRow } from "../../server/ingest/ml4dqm-import";
import { findModel, insertModelVersion } from "../../server/ml/model-repository";
import { mainDiagonalRows } from "../../server/ml/test-data";
import { startTestWorker, testServices } from "../../server/testing/integration";
import { trainModelWorkflow } from "./train-model.workflow";

describe("anomaly model training workflow", () => {
  let services: AppServices;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  // Each run of this test uses its own monitor-element name, so versions start at 1.
  const me = `ml-int-${randomUUID()}`;
  const runs = [...new Set(mainDiagonalRows().map((r) => r.run))].slice(0, 25);
  const rows = mainDiagonalRows().filter((r) => runs.includes(r.run));

  beforeAll(async () => {
    const probe = testServices();
    worker = await startTestWorker(probe);
    await probe.close();
    services = testServices({ TEMPORAL_TASK_QUEUE: worker.taskQueue });
    await services.db
      .insertInto("ls_histogram")
      .values(
        rows.map((r) => ({ ...lsHistogramRow(r, null), me_name: me })),
      )
      .execute();
  });
  afterAll(async () => {
    await services.db.deleteFrom("ml_model").where("me_name", "=", me).execute();
    await services.db.deleteFrom("ls_histogram").where("me_name", "=", me).execute();
    await worker.stop();
    await services.close();
  });

  const train = async (kind: "pca" | "latent-knn") => {
    const client = await services.temporal();
    return client.workflow.execute(trainModelWorkflow, {
      taskQueue: worker.taskQueue,
      workflowId: `ml-train-${me}-${kind}-${randomUUID()}`,
      args: [{ me, source: { table: "ls_histogram" }, kind }],
    });
  };

  it("stores successive versions with training set, params and validation figures", async () => {
    const first = await train("latent-knn");
    const second = await train("latent-knn");
    const pca = await train("pca");
    expect([first.version, second.version, pca.version]).toEqual([1, 2, 1]);
    expect(first.trainingRows).toBe(rows.filter((r) => r.golden && r.dcs && r.histogram.entries > 0).length);
    expect(first.thresholds.map((t) => t.falseAlarmRate)).toEqual([0.01, 0.001]);

    const stored = await services.db.selectFrom("ml_model").selectAll().where("me_name", "=", me).orderBy("id").execute();
    expect(stored).toHaveLength(3);
    expect(stored[0]).toMatchObject({ kind: "latent-knn", version: 1, params: { kind: "latent-knn", components: 5 }, training_set: { me, source: "table ls_histogram" } });
    expect(stored[0]?.training_set.runs).toBeGreaterThan(1);
    expect(stored[0]?.validation.thresholds).toHaveLength(2);
    expect(stored[0]?.validation.folds).toBe(5);
    expect(stored[0]?.workflow_id).toMatch(/^ml-train-/);
  });

  it("does not add a version when a retried activity stores the same workflow's model again", async () => {
    const latest = await findModel(services.db, me, { kind: "latent-knn" });
    if (!latest) throw new Error("no model");
    const workflowId = `retry-${randomUUID()}`;
    const a = await insertModelVersion(services.db, latest.model, workflowId);
    const b = await insertModelVersion(services.db, latest.model, workflowId);
    expect(b).toEqual(a);
    expect(a.version).toBe(3);
  });
});
