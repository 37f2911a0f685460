/**
 * Bulk DQM files for the fault tests: N runs of the demo season's monitor elements (about 32
 * metric points each), written as real DQM ROOT files with uproot (scripts/demo/write_dqm_files.py),
 * their runs announced as OMS would, and a fingerprint of what ingest stored for them — points,
 * histograms and bookkeeping — to compare a faulted ingest with a clean one.
 */
import { randomInt } from "node:crypto";
import path from "node:path";
import { sql } from "kysely";
import type { Db } from "../../../db/pool";
import { writeDqmFiles } from "../../../scripts/demo/dqm-file-writer";
import { runHistograms } from "../../../scripts/demo/run-histograms";
import { buildSeason } from "../../../scripts/demo/season";
import { importOmsRecords } from "../../../server/ingest/oms-import";
import { omsRun } from "../../../server/ingest/test-support";

export const BULK_DATASET = "/ZeroBias/Run2017F-09Aug2019_UL2017-v1/DQMIO";

export interface BulkFiles {
  readonly runs: number[];
  readonly files: string[];
}

/** A golden JSON of `n` fully good runs, so the season's generator makes `n` collision runs. */
function goldenOf(n: number): Record<string, [number, number][]> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [String(300_000 + 20 * i), [[1, 300]] as [number, number][]]));
}

/** Writes `n` DQM files of fresh runs into `dir` (offline names, one dataset). */
export async function writeBulkFiles(dir: string, n: number): Promise<BulkFiles> {
  const season = buildSeason(goldenOf(n), n).filter((r) => r.runClass === "Collisions").slice(0, n);
  if (season.length < n) throw new Error(`the demo season gave ${season.length} collision runs, ${n} asked`);
  const base = randomInt(1_000_000_000, 2_000_000_000 - n);
  const specs = season.map((r, i) => {
    const run = base + i;
    return { file: path.join(dir, `DQM_V0001_R${String(run).padStart(9, "0")}__ZeroBias__Run2017F-09Aug2019_UL2017-v1__DQMIO.root`), run, mes: runHistograms({ ...r, run }) };
  });
  await writeDqmFiles(specs);
  return { runs: specs.map((s) => s.run), files: specs.map((s) => s.file) };
}

/** The runs as OMS announces them (fixed start times, so points carry the same time in every ingest). */
export async function announceRuns(db: Db, runs: readonly number[]): Promise<void> {
  await importOmsRecords(
    db,
    runs.map((run, i) => omsRun(run, new Date(Date.UTC(2026, 6, 1) + i * 3_600_000).toISOString())),
    "fault test",
  );
}

export interface IngestFingerprint {
  readonly points: number;
  /** Distinct (run, dataset, metric): equal to `points` when nothing is duplicated. */
  readonly distinctPoints: number;
  readonly pointsChecksum: string;
  readonly histograms: number;
  readonly histogramsChecksum: string;
  /** Bookkeeping rows with outcome `ingested`, and distinct files among them. */
  readonly ingestedFiles: number;
  readonly distinctIngestedFiles: number;
  readonly failedFiles: number;
}

/** What ingest stored for `runs`, independent of generated ids (datasets and metrics by name). */
export async function ingestFingerprint(db: Db, runs: readonly number[]): Promise<IngestFingerprint> {
  const list = `{${runs.join(",")}}`;
  const p = await sql<{ n: number; distinct: number; checksum: string | null }>`
    select count(*)::int as n, count(distinct (p.run_number, p.dataset_id, p.metric_id))::int as distinct,
      md5(string_agg(concat_ws('|', p.run_number, d.name, m.subsystem, m.name, extract(epoch from p.time), p.value::text, p.error::text), E'\\n'
        order by p.run_number, d.name, m.subsystem, m.name, p.value, p.error)) as checksum
    from metric_point p join dataset d on d.id = p.dataset_id join metric_definition m on m.id = p.metric_id
    where p.run_number = any(${list}::int[])`.execute(db);
  const h = await sql<{ n: number; checksum: string | null }>`
    select count(*)::int as n, md5(string_agg(concat_ws('|', h.run_number, d.name, h.me_path, md5(h.histogram::text)), E'\\n' order by h.run_number, d.name, h.me_path)) as checksum
    from stored_histogram h join dataset d on d.id = h.dataset_id
    where h.run_number = any(${list}::int[])`.execute(db);
  const b = await sql<{ ingested: number; distinct: number; failed: number }>`
    select count(*) filter (where outcome = 'ingested')::int as ingested,
      count(distinct (run_number, dataset_name, version, checksum)) filter (where outcome = 'ingested')::int as distinct,
      count(*) filter (where outcome = 'failed')::int as failed
    from ingest_file where run_number = any(${list}::int[])`.execute(db);
  const [pr, hr, br] = [p.rows[0]!, h.rows[0]!, b.rows[0]!];
  return {
    points: pr.n,
    distinctPoints: pr.distinct,
    pointsChecksum: pr.checksum ?? "",
    histograms: hr.n,
    histogramsChecksum: hr.checksum ?? "",
    ingestedFiles: br.ingested,
    distinctIngestedFiles: br.distinct,
    failedFiles: br.failed,
  };
}

/** Metric points stored for `runs` right now. */
export async function pointCount(db: Db, runs: readonly number[]): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from metric_point where run_number = any(${`{${runs.join(",")}}`}::int[])`.execute(db);
  return r.rows[0]!.n;
}
