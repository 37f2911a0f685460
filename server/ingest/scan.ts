/**
 * Directory scan of a tree laid out like the DQM GUI's storage
 * (`<root>/<OfflineData|OnlineData>/<era>/<PD>/<run prefix>xx/DQM_V…root`, any depth): lists the
 * DQM files, keeps the highest version per (run, dataset), and drops what the bookkeeping says
 * is done (same or higher version ingested with the same bytes) or failed before with the same bytes.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Db } from "../../db/pool";
import { latestVersions, type DqmFileName } from "../histograms/dqm-file-name";
import { fileChecksum } from "./checksum";
import { ingestedVersions } from "./write-ingest";

const DQM_FILE = /^DQM_V\d+_R\d+__.+\.root$/;

/** Every DQM ROOT file under `root` (symbolic links are not followed). */
export async function listDqmFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && DQM_FILE.test(e.name)) out.push(p);
    }
  };
  await walk(root);
  return out.sort();
}

export interface ScanPlan {
  readonly toIngest: { readonly path: string; readonly run: number; readonly dataset: string; readonly version: number }[];
  readonly upToDate: number;
  readonly superseded: number;
  readonly failedBefore: number;
}

/** What a scan of `root` should ingest now. */
export async function planScan(db: Db, root: string): Promise<ScanPlan> {
  const all = await listDqmFiles(root);
  const latest = latestVersions(all);
  const pathOf = new Map<DqmFileName, string>();
  for (const f of latest) pathOf.set(f, all.find((p) => p.endsWith(`/${f.fileName}`) || p === f.fileName)!);
  const done = await ingestedVersions(db, [...new Set(latest.map((f) => f.run))]);
  const failed = new Set(
    (await db.selectFrom("ingest_file").select(["path", "checksum"]).where("outcome", "=", "failed").where("kind", "=", "dqm-root").execute()).map((r) => `${r.path}|${r.checksum}`),
  );
  const toIngest: ScanPlan["toIngest"][number][] = [];
  let upToDate = 0;
  let failedBefore = 0;
  for (const f of latest) {
    const path = pathOf.get(f)!;
    const prev = done.get(`${f.run}|${f.dataset}`);
    if (prev && prev.version > f.version) {
      upToDate++;
      continue;
    }
    if (prev?.version === f.version || failed.size) {
      const { checksum } = await fileChecksum(path);
      if (prev?.version === f.version && prev.checksum === checksum) {
        upToDate++;
        continue;
      }
      if (failed.has(`${path}|${checksum}`)) {
        failedBefore++;
        continue;
      }
    }
    toIngest.push({ path, run: f.run, dataset: f.dataset, version: f.version });
  }
  return { toIngest, upToDate, superseded: all.length - latest.length, failedBefore };
}
