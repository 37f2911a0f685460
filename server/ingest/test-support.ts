/** Helpers for the ingest and HDQM integration tests: runs of their own, removed before use. */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import type { Db } from "../../db/pool";

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");
export const FIXTURE_RUN = 990001;
export const FIXTURE_DATASET = "/ZeroBias/Run2017E-09Aug2019_UL2017-v1/DQMIO";
export const fixtureFile = (version: 1 | 2): string => path.join(fixturesDir, `DQM_V000${version}_R000990001__ZeroBias__Run2017E-09Aug2019_UL2017-v1__DQMIO.root`);
export const corruptFixture = path.join(fixturesDir, "corrupt", "DQM_V0001_R000990002__ZeroBias__Run2017E-09Aug2019_UL2017-v1__DQMIO.root");

/** Deletes everything these runs left behind (points, alarms, histograms, bookkeeping, the runs). */
export async function forgetRuns(db: Db, runs: readonly number[]): Promise<void> {
  const list = `{${runs.join(",")}}`;
  await sql`delete from metric_point where run_number = any(${list}::int[])`.execute(db);
  await sql`delete from ingest_file where run_number = any(${list}::int[])`.execute(db);
  await sql`delete from ls_histogram where run_number = any(${list}::int[])`.execute(db);
  await sql`delete from run where run_number = any(${list}::int[])`.execute(db);
}

/** An OMS-shaped run record. */
export function omsRun(run: number, start: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const s = new Date(start);
  return {
    run_number: run,
    start_time: s.toISOString(),
    end_time: new Date(s.getTime() + 3 * 3600e3).toISOString(),
    run_class: "Collisions",
    fill_number: 6000 + (run % 100),
    b_field: 3.8,
    energy: 6500,
    delivered_lumi: 50,
    recorded_lumi: 48,
    last_lumisection_number: 400,
    hlt_key: "/cdaq/physics/Run2017/2e34/v4.0.0/HLT",
    ...extra,
  };
}
