/**
 * The read step of a DQM ROOT file ingest: checks the name, checksums the bytes and reads only
 * the monitor elements some consumer needs, plus the quality-test results CMSSW wrote into the
 * file. Any problem with the file itself is an IngestInputError (not worth a retry).
 */
import { parseDqmFileName, type DqmFileName } from "../histograms/dqm-file-name";
import { openDqmRootFile } from "../histograms/dqm-root-file";
import { CorruptRootFileError, DqmFileNameError, HistogramFormatError, MonitorElementNotFoundError, NotDqmFileError } from "../histograms/errors";
import type { Histogram } from "../histograms/histogram";
import type { QualityReport } from "../histograms/quality-reports";
import { fileChecksum } from "./checksum";
import { IngestInputError } from "./ingest-errors";
import { isSelected, type MeSelection } from "./me-selection";

export interface DqmFileContent {
  readonly path: string;
  readonly name: DqmFileName;
  readonly checksum: string;
  readonly sizeBytes: number;
  /** ME path → histogram, for the selected MEs the file has. */
  readonly mes: Map<string, Histogram>;
  /** Every quality-test result CMSSW wrote into the file (small, and shown on the run page). */
  readonly qualityReports: QualityReport[];
}

/** The file's name, parsed; a name that is no DQM file name is an input error. */
export function dqmFileNameOf(path: string): DqmFileName {
  try {
    return parseDqmFileName(path);
  } catch (err) {
    if (err instanceof DqmFileNameError) throw new IngestInputError(`${path}: ${err.message}`, "BadFileName");
    throw err;
  }
}

export async function readDqmFile(path: string, selection: MeSelection): Promise<DqmFileContent> {
  const name = dqmFileNameOf(path);
  let sum;
  try {
    sum = await fileChecksum(path);
  } catch (err) {
    throw new IngestInputError(`${path}: cannot read the file (${err instanceof Error ? err.message : String(err)})`, "Unreadable");
  }
  const mes = new Map<string, Histogram>();
  const qualityReports: QualityReport[] = [];
  try {
    const file = await openDqmRootFile(path);
    try {
      if (file.run !== name.run) throw new IngestInputError(`${path}: the file name says run ${name.run}, the file holds run ${file.run}`, "RunMismatch");
      for (const me of await file.list()) {
        if (!isSelected(selection, me.mePath)) continue;
        try {
          mes.set(me.mePath, await file.read(me.mePath));
        } catch (err) {
          // One unreadable ME makes its consumers skip it, not the file fail; a corrupt file fails.
          if (err instanceof HistogramFormatError || err instanceof MonitorElementNotFoundError) continue;
          throw err;
        }
      }
      qualityReports.push(...(await file.qualityReports()));
    } finally {
      await file.close();
    }
  } catch (err) {
    if (err instanceof CorruptRootFileError) throw new IngestInputError(err.message, "CorruptFile");
    if (err instanceof NotDqmFileError) throw new IngestInputError(err.message, "NotDqmFile");
    throw err;
  }
  return { path, name, ...sum, mes, qualityReports };
}
