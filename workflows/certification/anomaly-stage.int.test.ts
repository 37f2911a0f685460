import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lsHistogramRow } from "../../server/ingest/ml4dqm-import";
import type { AppServices } from "../../server/app-services";
import { startCertification } from "../../server/certification/certification.service";
import { scoreHistogram, trainAnomalyModel, type AnomalyModel } from "../../server/ml/anomaly-model";
import { DEFAULT_PARAMS } from "../../server/ml/model";
import { insertModelVersion } from "../../server/ml/model-repository";
import { MAIN_DIAGONAL, mainDiagonalRows } from "../../server/ml/test-data";
import type { Ml4dqmRow } from "../../server/histograms/from-ml4dqm-csv";
import { anomalyMetricName, ANOMALY_SUBSYSTEM } from "../../server/ml/anomaly-trend";
import { identityOf, testServices } from "../../server/testing/integration";
import { createCaller } from "../../server/trpc/app-router";
import { certificationQuery, certifyRunWorkflowId } from "./certify-run.messages";
import { eventually, seedRun, startCertWorker, testConfig } from "./testing/cert-test-kit";

/**
 * The anomaly model in a certification stage: a model trained on real MainDiagonal histograms
 * (ML4DQM, 2018) scores a run's per-lumisection histograms inside the stage's comparison
 * activity; its verdict is stored beside the reference comparisons and its scores become HDQM
 * trend points of the stage's dataset.
 */
let services: AppServices;
let worker: Awaited<ReturnType<typeof startCertWorker>>;
const me = `${MAIN_DIAGONAL} anomaly-test-${randomUUID().slice(0, 8)}`;
const rows = mainDiagonalRows();
const runs = [...new Set(rows.map((r) => r.run))];
let model: AnomalyModel;

const renamed = (r: Ml4dqmRow): Ml4dqmRow => ({ ...r, histogram: { ...r.histogram, name: me } });

beforeAll(async () => {
  services = testServices();
  worker = await startCertWorker(services);
  // Trained on every other run of the file, so the two runs below are unseen.
  const training = rows.filter((r) => runs.indexOf(r.run) % 2 === 0).map(renamed);
  model = trainAnomalyModel(training, { me, source: "test", params: DEFAULT_PARAMS["latent-knn"], replicates: 0, folds: 3 });
  await insertModelVersion(services.db, model, null);
}, 120_000);

afterAll(async () => {
  await services.db.deleteFrom("ls_histogram").where("me_name", "=", me).execute();
  await services.db.deleteFrom("ml_model").where("me_name", "=", me).execute();
  await worker?.stop();
  await services?.close();
});

/** A seeded run carrying the lumisection histograms of a real run; its online stage compared. */
async function certifyWithLumisections(source: Ml4dqmRow[]) {
  const run = await seedRun(services.db, { lsCount: source.length, stages: ["online"] });
  await services.db
    .insertInto("ls_histogram")
    .values(source.map((r, i) => ({ ...lsHistogramRow(r, null), me_name: me, run_number: run.runNumber, ls_number: i + 1 })))
    .execute();
  await startCertification(worker.deps, run.runNumber, testConfig(run.referenceRun));
  const handle = (await services.temporal()).workflow.getHandle(certifyRunWorkflowId(run.runNumber));
  await eventually(async () => ((await handle.query(certificationQuery)).awaitingSignoff.includes("online") ? true : undefined), "online comparisons");
  const stored = await services.db.selectFrom("cert_comparison").selectAll().where("run_number", "=", run.runNumber).where("test", "=", "ml-anomaly").execute();
  await handle.terminate("test done");
  return { stored, runNumber: run.runNumber };
}

describe("anomaly scores in a certification stage", () => {
  it("stores the model's verdict on each lumisection of the run beside the reference comparisons", async () => {
    // An unseen run with alarmed lumisections, and one whose lumisections all stay quiet.
    const unseen = runs.filter((r) => runs.indexOf(r) % 2 === 1).map((run) => {
      const ls = rows.filter((r) => r.run === run);
      const scores = ls.map((r) => scoreHistogram(model, renamed(r).histogram));
      return { ls, scores, max: Math.max(...scores.map((s) => s.score)), alarmed: scores.flatMap((s, i) => (s.alarms.some(Boolean) ? [i + 1] : [])) };
    });
    // Among runs of several lumisections, the one with the most alarmed non-empty ones.
    const alarmedShapes = (u: (typeof unseen)[number]) => u.scores.filter((s) => s.alarms[0] && !s.empty).length;
    const noisy = unseen.filter((u) => u.ls.length >= 5).reduce((a, b) => (alarmedShapes(b) > alarmedShapes(a) ? b : a));
    const quiet = unseen.find((u) => u.alarmed.length === 0 && u.ls.length >= 5)!;
    expect(noisy.alarmed.length).toBeGreaterThan(0);

    expect(alarmedShapes(noisy)).toBeGreaterThan(0);
    // Empty lumisections are missing data, not anomalies: only the others are judged.
    const judged = noisy.scores.map((s, i) => ({ ...s, lumi: i + 1 })).filter((s) => !s.empty);
    const judgedMax = Math.max(...judged.map((s) => s.score));

    const noisyRun = await certifyWithLumisections(noisy.ls);
    const [flagged] = noisyRun.stored;
    expect(flagged).toMatchObject({ me_path: me, test: "ml-anomaly", stage: "online" });
    expect(flagged!.statistic).toBeCloseTo(judgedMax, 9);
    expect(["WARNING", "ERROR"]).toContain(flagged!.status);
    expect(flagged!.score).toBeCloseTo(1 - judged.filter((s) => s.alarms[0]).length / judged.length, 12);
    expect(flagged!.message).toContain(`LS ${judged.flatMap((s) => (s.alarms[0] ? [s.lumi] : [])).slice(0, 3).join(", ")}`);

    // The same scores as HDQM trends of the stage's dataset, through the trend API.
    const api = createCaller({ services, identity: identityOf("viewer") });
    const trend = await api.trends.series({
      subsystem: ANOMALY_SUBSYSTEM,
      primaryDataset: "online",
      processingString: "online",
      metrics: [anomalyMetricName(me, "max"), anomalyMetricName(me, "mean")],
      selection: { kind: "list", runs: [noisyRun.runNumber] },
    });
    const mean = judged.reduce((a, b) => a + b.score, 0) / judged.length;
    expect(trend.series.map((s) => s.run)).toEqual([[noisyRun.runNumber], [noisyRun.runNumber]]);
    expect(trend.series[0]!.value[0]).toBeCloseTo(judgedMax, 9);
    expect(trend.series[1]!.value[0]).toBeCloseTo(mean, 9);
    expect(trend.series[1]!.error[0]).toBeGreaterThan(0);
    // The derived subsystem comes after the configured ones, so the trend page never opens on it.
    expect((await api.trends.tree()).subsystems.at(-1)?.name).toBe(ANOMALY_SUBSYSTEM);
    expect(flagged!.reference_run).toBeNull();

    const [calm] = (await certifyWithLumisections(quiet.ls)).stored;
    expect(calm).toMatchObject({ test: "ml-anomaly", status: "OK" });
    expect(calm!.statistic).toBeCloseTo(quiet.max, 9);
  }, 120_000);
});
