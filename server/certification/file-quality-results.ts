/** Quality-test results CMSSW wrote into a run's DQM files, per dataset, for the run page (beside dqmflow's own comparisons). */
import type { Db } from "../../db/pool";
import { DqmStatus, type DqmStatusName } from "../compare/status";

const NAMES = new Map<number, DqmStatusName>(Object.entries(DqmStatus).map(([name, code]) => [code, name as DqmStatusName]));

/** CMSSW's status code as its name (OK, WARNING, ERROR…); an unknown code is shown as it is. */
export function qualityStatusName(code: number): string {
  return NAMES.get(code) ?? `status ${code}`;
}

export async function fileQualityResults(db: Db, runNumber: number) {
  const rows = await db
    .selectFrom("file_quality_result as q")
    .innerJoin("dataset as d", "d.id", "q.dataset_id")
    .select(["d.name as dataset", "d.stage", "q.me_path", "q.test", "q.status", "q.result", "q.algorithm", "q.message"])
    .where("q.run_number", "=", runNumber)
    .orderBy("d.stage")
    .orderBy("q.status", "desc")
    .orderBy("q.me_path")
    .orderBy("q.test")
    .limit(2000)
    .execute();
  return rows.map((r) => ({ dataset: r.dataset, stage: r.stage, mePath: r.me_path, test: r.test, status: qualityStatusName(r.status), result: r.result, algorithm: r.algorithm, message: r.message }));
}

export type FileQualityResultView = Awaited<ReturnType<typeof fileQualityResults>>[number];
