/**
 * Anomaly scores as HDQM trends: for each monitor element a stage scored, two metrics of the
 * subsystem `AnomalyModels` on the stage's dataset — the highest lumisection score of the run
 * (`<ME>_anomaly_max`) and the mean score with its standard error (`<ME>_anomaly_mean`) — so a
 * slow drift of the shapes shows on the trend page like any other quantity.
 *
 * Written by certification's comparison activity after the results: one transaction replaces
 * only these metrics' points of the dataset (a retry writes the same rows again). A re-ingest
 * of the dataset's DQM file replaces all its points, these included, until the next scoring.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/database";
import { allocatePoints, insertPoints } from "../ingest/point-writer";

export const ANOMALY_SUBSYSTEM = "AnomalyModels";

export interface ScoredMe {
  readonly me: string;
  readonly scores: readonly number[];
}

/** A metric name HDQM accepts ([A-Za-z0-9_+-]+) for an ME and a summary. */
export function anomalyMetricName(me: string, summary: "max" | "mean"): string {
  return `${me.replace(/[^A-Za-z0-9_+-]+/g, "_")}_anomaly_${summary}`;
}

function summaries(scores: readonly number[]): { max: number; mean: number; meanError: number } {
  const n = scores.length;
  const mean = scores.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? scores.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : 0;
  return { max: Math.max(...scores), mean, meanError: Math.sqrt(variance / n) };
}

/** Writes the run's anomaly trend points on the dataset; returns how many points were written. */
export async function writeAnomalyTrendPoints(db: Kysely<Database>, runNumber: number, datasetName: string, scored: readonly ScoredMe[]): Promise<number> {
  const usable = scored.filter((s) => s.scores.length > 0 && s.scores.every(Number.isFinite));
  if (usable.length === 0) return 0;
  const target = await db
    .selectFrom("dataset")
    .innerJoin("run", "run.run_number", "dataset.run_number")
    .select(["dataset.id", "run.start_time"])
    .where("dataset.run_number", "=", runNumber)
    .where("dataset.name", "=", datasetName)
    .executeTakeFirst();
  if (!target) return 0;
  return db.transaction().execute(async (trx) => {
    const defs = usable.flatMap(({ me }) =>
      (["max", "mean"] as const).map((summary) => ({
        subsystem: ANOMALY_SUBSYSTEM,
        name: anomalyMetricName(me, summary),
        plot_title: `${me}: ${summary === "max" ? "highest" : "mean"} lumisection anomaly score`,
        y_title: "anomaly score",
        me_paths: [me],
        function: `ml-anomaly-${summary}`,
        params: "{}",
        checks: null,
        config_file: "ml_model",
      })),
    );
    const ids = await trx
      .insertInto("metric_definition")
      .values(defs)
      .onConflict((oc) => oc.columns(["subsystem", "name"]).doUpdateSet((eb) => ({ plot_title: eb.ref("excluded.plot_title"), me_paths: eb.ref("excluded.me_paths") })))
      .returning(["id", "name"])
      .execute();
    const idOf = new Map(ids.map((r) => [r.name, r.id]));
    await trx
      .deleteFrom("metric_point")
      .where("dataset_id", "=", target.id)
      .where("metric_id", "in", ids.map((r) => r.id))
      .execute();
    const points = allocatePoints(usable.length * 2);
    usable.forEach(({ me, scores }, k) => {
      const s = summaries(scores);
      for (const [j, [summary, value, error]] of ([["max", s.max, 0], ["mean", s.mean, s.meanError]] as const).entries()) {
        const i = 2 * k + j;
        points.time[i] = target.start_time.getTime();
        points.runNumber[i] = runNumber;
        points.datasetId[i] = target.id;
        points.metricId[i] = idOf.get(anomalyMetricName(me, summary))!;
        points.value[i] = value;
        points.error[i] = error;
      }
    });
    return insertPoints(trx, points);
  });
}
