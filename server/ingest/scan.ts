/**
 * Scans of the watched folders.
 *
 * DQM storage, laid out like the DQM GUI's (`<root>/<OfflineData|OnlineData>/<era>/<PD>/<run prefix>xx/DQM_V…root`,
 * any depth): lists the DQM files, keeps the highest version per (run, dataset, subsystem scope),
 * and drops what the bookkeeping says is done (same or higher version ingested with the same
 * bytes) or failed before with the same bytes. Each file to ingest carries its checksum, which
 * makes its ingest workflow's id: the same content is never ingested twice.
 *
 * OMS drop folder: `*.json` and `*.csv` files whose (path, checksum) the bookkeeping has not seen.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { sql } from "kysely";
import type { Db } from "../../db/pool";
import { latestVersions } from "../histograms/dqm-file-name";
import { fileChecksum } from "./checksum";

const DQM_FILE = /^(?:reference_)?DQM_V\d+_(?:R\d+__.+|[A-Za-z0-9][A-Za-z0-9-]*_R\d{9})\.root$/;
const OMS_FILE = /\.(json|csv)$/i;

async function listFiles(root: string, keep: RegExp): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && keep.test(e.name)) out.push(p);
    }
  };
  await walk(root);
  return out.sort();
}

/** Every DQM ROOT file under `root` (symbolic links are not followed). */
export function listDqmFiles(root: string): Promise<string[]> {
  return listFiles(root, DQM_FILE);
}

export interface PlannedDqmFile {
  readonly path: string;
  readonly run: number;
  readonly dataset: string;
  readonly scope: string;
  readonly version: number;
  readonly checksum: string;
}

export interface ScanPlan {
  readonly toIngest: PlannedDqmFile[];
  readonly upToDate: number;
  readonly superseded: number;
  readonly failedBefore: number;
}

/** The last successful ingest per (run, dataset, scope). */
async function ingestedVersions(db: Db, runs: readonly number[]): Promise<Map<string, { version: number; checksum: string }>> {
  const out = new Map<string, { version: number; checksum: string }>();
  if (runs.length === 0) return out;
  const rows = await db
    .selectFrom("ingest_file")
    .select(["run_number", "dataset_name", "scope", "version", "checksum"])
    .where("outcome", "=", "ingested")
    .where("kind", "=", "dqm-root")
    .where(sql<boolean>`run_number = any(${`{${runs.join(",")}}`}::int[])`)
    .orderBy("id")
    .execute();
  for (const r of rows) {
    const k = `${r.run_number}|${r.dataset_name}|${r.scope}`;
    const prev = out.get(k);
    if (!prev || (r.version ?? 0) >= prev.version) out.set(k, { version: r.version ?? 0, checksum: r.checksum });
  }
  return out;
}

async function failedBefore(db: Db, kinds: readonly ("dqm-root" | "oms-json" | "oms-csv")[]): Promise<Set<string>> {
  const rows = await db.selectFrom("ingest_file").select(["path", "checksum"]).where("outcome", "=", "failed").where("kind", "in", kinds).execute();
  return new Set(rows.map((r) => `${r.path}|${r.checksum}`));
}

/** What a scan of the DQM storage under `root` should ingest now. */
export async function planScan(db: Db, root: string): Promise<ScanPlan> {
  const all = await listDqmFiles(root);
  const latest = latestVersions(all);
  const done = await ingestedVersions(db, [...new Set(latest.map((f) => f.run))]);
  const failed = await failedBefore(db, ["dqm-root"]);
  const toIngest: PlannedDqmFile[] = [];
  let upToDate = 0;
  let failedCount = 0;
  for (const f of latest) {
    const prev = done.get(`${f.run}|${f.dataset}|${f.scope}`);
    if (prev && prev.version > f.version) {
      upToDate++;
      continue;
    }
    const { checksum } = await fileChecksum(f.path);
    if (prev?.version === f.version && prev.checksum === checksum) {
      upToDate++;
      continue;
    }
    if (failed.has(`${f.path}|${checksum}`)) {
      failedCount++;
      continue;
    }
    toIngest.push({ path: f.path, run: f.run, dataset: f.dataset, scope: f.scope, version: f.version, checksum });
  }
  return { toIngest, upToDate, superseded: all.length - latest.length, failedBefore: failedCount };
}

export interface OmsScanPlan {
  readonly toIngest: { readonly path: string; readonly checksum: string }[];
  readonly upToDate: number;
}

/** OMS metadata files under `root` whose content has not been ingested (or refused) yet. */
export async function planOmsScan(db: Db, root: string): Promise<OmsScanPlan> {
  const files = await listFiles(root, OMS_FILE);
  const seen = new Set(
    (await db.selectFrom("ingest_file").select(["path", "checksum"]).where("kind", "in", ["oms-json", "oms-csv"]).execute()).map((r) => `${r.path}|${r.checksum}`),
  );
  const toIngest: OmsScanPlan["toIngest"][number][] = [];
  let upToDate = 0;
  for (const path of files) {
    const { checksum } = await fileChecksum(path);
    if (seen.has(`${path}|${checksum}`)) upToDate++;
    else toIngest.push({ path, checksum });
  }
  return { toIngest, upToDate };
}
