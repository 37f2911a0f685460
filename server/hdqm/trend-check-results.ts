/**
 * HDQM trend checks as a certification source: for the dataset a stage certifies, every metric
 * with configured checks and a point on that dataset gives one `trend-check` result — ERROR
 * with the alarm's message when its point failed a check, OK otherwise. Their ME path is
 * `hdqm/<subsystem>/<metric>`, so automatic-flag rules match them by glob like any ME
 * (e.g. `hdqm/Muons/**` → the muon component).
 */
import { sql } from "kysely";
import type { Db } from "../../db/pool";
import type { TestResult } from "../compare/result";

export const TREND_CHECK_TEST = "trend-check";

export const trendCheckPath = (subsystem: string, metric: string): string => `hdqm/${subsystem}/${metric}`;

export async function trendCheckResults(db: Db, runNumber: number, datasetName: string): Promise<{ mePath: string; r: TestResult }[]> {
  const { rows } = await sql<{ subsystem: string; name: string; value: number; messages: string[] | null }>`
    select m.subsystem, m.name, p.value,
           (select array_agg(a.message order by a.id) from trend_alarm a where a.metric_id = m.id and a.dataset_id = d.id) as messages
    from dataset d
    join metric_point p on p.dataset_id = d.id and p.run_number = d.run_number
    join metric_definition m on m.id = p.metric_id
    where d.run_number = ${runNumber} and d.name = ${datasetName} and m.checks is not null
    order by m.subsystem, m.name`.execute(db);
  return rows.map((row) => ({
    mePath: trendCheckPath(row.subsystem, row.name),
    r: row.messages?.length
      ? { test: TREND_CHECK_TEST, statistic: row.value, status: "ERROR", message: row.messages.join("; ") }
      : { test: TREND_CHECK_TEST, statistic: row.value, status: "OK" },
  }));
}
