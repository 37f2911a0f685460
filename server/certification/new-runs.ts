/**
 * A run appearing through run-metadata ingest starts its certification workflow (issue 6):
 * the ingest notes which runs it is about to create, then hands them here once they are stored.
 */
import type { Db } from "../../db/pool";
import { type CertificationDeps, startCertification } from "./certification.service";

/** The run numbers among `runNumbers` the database does not hold yet. */
export async function unknownRuns(db: Db, runNumbers: readonly number[]): Promise<number[]> {
  const wanted = [...new Set(runNumbers)];
  if (wanted.length === 0) return [];
  const known = new Set((await db.selectFrom("run").select("run_number").where("run_number", "in", wanted).execute()).map((r) => r.run_number));
  return wanted.filter((r) => !known.has(r)).sort((a, b) => a - b);
}

export interface CertifyRunsResult {
  readonly started: number[];
  readonly failed: { readonly runNumber: number; readonly reason: string }[];
}

/** Starts `certify-run-<run>` for each run (a run already being certified is left as it is). */
export async function certifyNewRuns(deps: CertificationDeps, runNumbers: readonly number[]): Promise<CertifyRunsResult> {
  const started: number[] = [];
  const failed: { runNumber: number; reason: string }[] = [];
  for (const runNumber of runNumbers) {
    try {
      if ((await startCertification(deps, runNumber)).started) started.push(runNumber);
    } catch (err) {
      failed.push({ runNumber, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return { started, failed };
}
