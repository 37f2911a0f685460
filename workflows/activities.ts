/**
 * The worker's activities, built by a factory from the dependencies they need, so tests can
 * construct them over their own database.
 */
import type { Db } from "../db/pool";
import { createMlActivities } from "./ml/ml.activities";
import { dbHistogramSource, type HistogramSource } from "../server/certification/histogram-source";
import { createCertificationActivities } from "./certification/certification.activities";
import { createGoldenJsonActivities } from "./certification/golden-json.activities";
import { createIngestActivities, type IngestActivityDeps } from "./ingest/activities";

export interface ActivityDeps extends IngestActivityDeps {
  db: Db;
  /** Histograms certification compares; the histogram store unless given. */
  histograms?: HistogramSource;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createIngestActivities(deps),
    ...createCertificationActivities({ db: deps.db, histograms: deps.histograms ?? dbHistogramSource(deps.db) }),
    ...createGoldenJsonActivities({ db: deps.db }),
    ...createMlActivities({ db: deps.db }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
