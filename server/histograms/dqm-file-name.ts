/**
 * DQM file names as CMSSW's DQMFileSaver writes them:
 * DQM_V<version>_R<run, 9 digits>__<primary dataset>__<processing string>__<data tier>.root,
 * where the dataset name /ZeroBias/Run2017E-09Aug2019_UL2017-v1/DQMIO has its slashes turned
 * into double underscores.
 */
import { DqmFileNameError } from "./errors";

export interface DqmFileName {
  readonly fileName: string;
  readonly version: number;
  readonly run: number;
  readonly primaryDataset: string;
  readonly processingString: string;
  readonly dataTier: string;
  /** The dataset path /PD/processing/tier. */
  readonly dataset: string;
}

const PATTERN = /^DQM_V(\d+)_R(\d+)__([^_].*?)__(.+)__([A-Za-z0-9]+)\.root$/;

export function parseDqmFileName(path: string): DqmFileName {
  const fileName = path.split(/[\\/]/).pop() ?? path;
  const m = PATTERN.exec(fileName);
  if (!m) throw new DqmFileNameError(`not a DQM file name: ${fileName}`);
  const [, version, run, primaryDataset, processingString, dataTier] = m as unknown as [string, string, string, string, string, string];
  return {
    fileName,
    version: Number(version),
    run: Number(run),
    primaryDataset,
    processingString,
    dataTier,
    dataset: `/${primaryDataset}/${processingString}/${dataTier}`,
  };
}

/** Keeps, for every (run, dataset), only the file with the highest version; others are superseded. */
export function latestVersions(paths: readonly string[]): DqmFileName[] {
  const best = new Map<string, DqmFileName>();
  for (const p of paths) {
    let parsed: DqmFileName;
    try {
      parsed = parseDqmFileName(p);
    } catch {
      continue;
    }
    const key = `${parsed.run}|${parsed.dataset}`;
    const prev = best.get(key);
    if (!prev || parsed.version > prev.version) best.set(key, parsed);
  }
  return [...best.values()].sort((a, b) => a.run - b.run || a.dataset.localeCompare(b.dataset));
}
