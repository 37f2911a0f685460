/**
 * The read step of a DQM ROOT file ingest: checks the name, checksums the bytes and reads only
 * the monitor elements the metric catalog needs. Any problem with the file itself is an
 * IngestInputError (not worth a retry).
 */
import { parseDqmFileName } from "../histograms/dqm-file-name";
import { openDqmRootFile } from "../histograms/dqm-root-file";
import { CorruptRootFileError, DqmFileNameError, HistogramFormatError, MonitorElementNotFoundError } from "../histograms/errors";
import type { Histogram } from "../histograms/histogram";
import type { MetricDefinition } from "../metrics/index";
import { fileChecksum } from "./checksum";
import { pathsNeeded } from "./compute-points";
import { IngestInputError } from "./ingest-errors";

export interface DqmFileContent {
  readonly path: string;
  readonly run: number;
  readonly dataset: string;
  readonly version: number;
  readonly checksum: string;
  readonly sizeBytes: number;
  /** ME path → histogram, for the MEs the catalog reads that the file has. */
  readonly mes: Map<string, Histogram>;
}

export async function readDqmFile(path: string, metrics: readonly MetricDefinition[]): Promise<DqmFileContent> {
  let name;
  try {
    name = parseDqmFileName(path);
  } catch (err) {
    if (err instanceof DqmFileNameError) throw new IngestInputError(err.message, "BadFileName");
    throw err;
  }
  let sum;
  try {
    sum = await fileChecksum(path);
  } catch (err) {
    throw new IngestInputError(`${path}: cannot read the file (${err instanceof Error ? err.message : String(err)})`, "Unreadable");
  }
  const mes = new Map<string, Histogram>();
  try {
    const file = await openDqmRootFile(path);
    if (file.run !== name.run) throw new IngestInputError(`${path}: the file name says run ${name.run}, the file holds run ${file.run}`, "RunMismatch");
    const available = new Set((await file.list()).map((m) => m.mePath));
    for (const p of pathsNeeded(metrics)) {
      if (!available.has(p)) continue;
      try {
        mes.set(p, await file.read(p));
      } catch (err) {
        // One unreadable ME makes its metrics skip, not the file fail; a corrupt file fails.
        if (err instanceof HistogramFormatError || err instanceof MonitorElementNotFoundError) continue;
        throw err;
      }
    }
  } catch (err) {
    if (err instanceof CorruptRootFileError) throw new IngestInputError(err.message, "CorruptFile");
    throw err;
  }
  return { path, run: name.run, dataset: name.dataset, version: name.version, ...sum, mes };
}
