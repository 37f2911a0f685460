/**
 * The anomaly models' verdict on one run, as comparison results a certification stage stores
 * beside its reference comparisons: for every monitor element with a stored model and
 * per-lumisection histograms of the run (`ls_histogram`), each lumisection is scored and the
 * run gets one result named `ml-anomaly`:
 *   statistic  the highest lumisection score,
 *   score      the fraction of scored lumisections under the loosest alarm threshold (1 = all quiet),
 *   status     ERROR when a lumisection passes the strictest threshold (the lowest false-alarm
 *              rate), WARNING when one passes only a looser one, OK otherwise; NO_DATA when no
 *              lumisection has entries (nothing to judge: grey, never an alarm); INVALID when the
 *              model cannot score the histograms (e.g. different binning),
 *
 * Empty lumisections are not judged: the models learn shapes from non-empty histograms only
 * (anomaly-model.ts), so an empty one always scores far above every threshold. An empty
 * lumisection is missing data, which the lumisection flags and DCS bits already say; counting it
 * as an anomaly raised an ERROR on almost every run.
 *   message    which lumisections alarmed, at which thresholds, with which model version.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/database";
import type { TestResult } from "../compare/result";
import { scoreHistogram } from "./anomaly-model";
import { MlError } from "./errors";
import { lsHistogramRows } from "./ls-histogram-rows";
import { findModel, type StoredModel } from "./model-repository";

export const ANOMALY_TEST = "ml-anomaly";

export interface StageAnomalyResult {
  readonly me: string;
  readonly result: TestResult;
  /** Lumisections whose score passed the loosest threshold. */
  readonly alarmedLumisections: readonly number[];
  /** Every scored (non-empty) lumisection's score; none when the model could not score them. */
  readonly scores: readonly number[];
}

/** Monitor elements that have both a stored model and this run's per-lumisection histograms. */
async function scorableMes(db: Kysely<Database>, runNumber: number): Promise<string[]> {
  const rows = await db
    .selectFrom("ls_histogram")
    .select("me_name")
    .distinct()
    .where("run_number", "=", runNumber)
    .where("me_name", "in", (eb) => eb.selectFrom("ml_model").select("me_name"))
    .orderBy("me_name")
    .execute();
  return rows.map((r) => r.me_name);
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toPrecision(4) : String(x);
}

/** Scores the run's lumisections of one ME with a stored model and summarises them. */
export function summariseScores(stored: Pick<StoredModel, "version" | "model">, lumis: readonly { lumi: number; score: number; empty: boolean; alarms: readonly boolean[] }[]): Omit<StageAnomalyResult, "me" | "scores"> {
  const { model } = stored;
  const label = `${model.model.params.kind} v${stored.version}`;
  const empty = lumis.filter((l) => l.empty).length;
  const judged = lumis.filter((l) => !l.empty);
  if (judged.length === 0) {
    const why = lumis.length === 0 ? "no lumisection histograms" : `all ${lumis.length} lumisection histograms are empty`;
    return { result: { test: ANOMALY_TEST, statistic: Number.NaN, score: -1, status: "NO_DATA", message: `no data to score: ${why} (${label})` }, alarmedLumisections: [] };
  }
  // Thresholds ordered from the loosest (highest false-alarm rate) to the strictest.
  const order = model.thresholds.map((t, i) => ({ t, i })).sort((a, b) => b.t.falseAlarmRate - a.t.falseAlarmRate);
  const loosest = order[0];
  const strictest = order[order.length - 1];
  const max = judged.reduce((m, l) => Math.max(m, l.score), -Infinity);
  const alarmed = loosest ? judged.filter((l) => l.alarms[loosest.i]).map((l) => l.lumi) : [];
  const severe = strictest ? judged.filter((l) => l.alarms[strictest.i]).map((l) => l.lumi) : [];
  const status = severe.length > 0 ? "ERROR" : alarmed.length > 0 ? "WARNING" : "OK";
  const list = (ls: number[]) => (ls.length > 20 ? `${ls.slice(0, 20).join(", ")} … (${ls.length})` : ls.join(", "));
  const parts = [`${judged.length} lumisections scored by ${label}, highest score ${fmt(max)}`];
  if (loosest) parts.push(`${alarmed.length} above the ${loosest.t.falseAlarmRate * 100}% false-alarm threshold ${fmt(loosest.t.threshold)}${alarmed.length ? `: LS ${list(alarmed)}` : ""}`);
  if (strictest && strictest !== loosest) parts.push(`${severe.length} above the ${strictest.t.falseAlarmRate * 100}% threshold ${fmt(strictest.t.threshold)}${severe.length ? `: LS ${list(severe)}` : ""}`);
  if (empty) parts.push(`${empty} empty, not scored`);
  return { result: { test: ANOMALY_TEST, statistic: max, score: 1 - alarmed.length / judged.length, status, message: parts.join("; ") }, alarmedLumisections: alarmed };
}

/** The `ml-anomaly` result of every scorable ME of the run (latest model version of each). */
export async function stageAnomalyResults(db: Kysely<Database>, runNumber: number): Promise<StageAnomalyResult[]> {
  const out: StageAnomalyResult[] = [];
  for (const me of await scorableMes(db, runNumber)) {
    const stored = await findModel(db, me);
    if (!stored) continue;
    const rows = await lsHistogramRows(db, me, { runNumber });
    try {
      const lumis = rows.map((r) => ({ lumi: r.lumi, ...scoreHistogram(stored.model, r.histogram) }));
      out.push({ me, ...summariseScores(stored, lumis), scores: lumis.filter((l) => !l.empty).map((l) => l.score) });
    } catch (err) {
      if (!(err instanceof MlError)) throw err;
      out.push({ me, result: { test: ANOMALY_TEST, statistic: Number.NaN, score: -1, status: "INVALID", message: err.message }, alarmedLumisections: [], scores: [] });
    }
  }
  return out;
}
