/**
 * DQM file names as CMSSW's DQMFileSaver writes them.
 *
 * Offline harvesting (and online harvest files of the newer convention):
 *   DQM_V<version>_R<run, 9 digits>__<primary dataset>__<processing string>__<data tier>.root
 * where the dataset name /ZeroBias/Run2017E-09Aug2019_UL2017-v1/DQMIO has its slashes turned
 * into double underscores. A processing string `Online` names the run's online dataset.
 *
 * Online, one file per subsystem (DQMFileSaver's "Online" convention):
 *   DQM_V<version>_<Subsystem>_R<run, 9 digits>.root
 * Both may carry a `reference_` prefix (files kept as references in the DQM GUI's storage).
 */
import { DqmFileNameError } from "./errors";

export interface DqmFileName {
  readonly fileName: string;
  readonly version: number;
  readonly run: number;
  readonly primaryDataset: string;
  readonly processingString: string;
  readonly dataTier: string;
  /** The dataset path /PD/processing/tier, or `online`. */
  readonly dataset: string;
  /** The subsystem of a per-subsystem online file, whose content replaces only that subsystem's share; '' otherwise. */
  readonly scope: string;
}

const HARVEST = /^(?:reference_)?DQM_V(\d+)_R(\d+)__([^_].*?)__(.+)__([A-Za-z0-9]+)\.root$/;
const ONLINE_SUBSYSTEM = /^(?:reference_)?DQM_V(\d+)_([A-Za-z0-9][A-Za-z0-9-]*)_R(\d{9})\.root$/;

/** Parses a DQM file name (the directory part of `path` is ignored). */
export function parseDqmFileName(path: string): DqmFileName {
  const fileName = path.split(/[\\/]/).pop() ?? path;
  const h = HARVEST.exec(fileName);
  if (h) {
    const [, version, run, primaryDataset, processingString, dataTier] = h as unknown as [string, string, string, string, string, string];
    const online = /^online$/i.test(processingString);
    return {
      fileName,
      version: Number(version),
      run: Number(run),
      primaryDataset,
      processingString,
      dataTier,
      dataset: online ? "online" : `/${primaryDataset}/${processingString}/${dataTier}`,
      scope: "",
    };
  }
  const o = ONLINE_SUBSYSTEM.exec(fileName);
  if (o) {
    const [, version, subsystem, run] = o as unknown as [string, string, string, string];
    return { fileName, version: Number(version), run: Number(run), primaryDataset: "online", processingString: "online", dataTier: "DQM", dataset: "online", scope: subsystem };
  }
  throw new DqmFileNameError(
    `not a DQM file name: ${fileName} (expected DQM_V<version>_R<run>__<PD>__<processing>__<tier>.root or DQM_V<version>_<Subsystem>_R<run>.root)`,
  );
}

/** Keeps, for every (run, dataset, scope), only the file with the highest version; others are superseded. */
export function latestVersions(paths: readonly string[]): (DqmFileName & { readonly path: string })[] {
  const best = new Map<string, DqmFileName & { path: string }>();
  for (const p of paths) {
    let parsed: DqmFileName;
    try {
      parsed = parseDqmFileName(p);
    } catch {
      continue;
    }
    const key = `${parsed.run}|${parsed.dataset}|${parsed.scope}`;
    const prev = best.get(key);
    if (!prev || parsed.version > prev.version) best.set(key, { ...parsed, path: p });
  }
  return [...best.values()].sort((a, b) => a.run - b.run || a.dataset.localeCompare(b.dataset) || a.scope.localeCompare(b.scope));
}
