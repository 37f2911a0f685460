/**
 * DQM ROOT files: list the monitor elements under DQMData/Run N/<Subsystem>/Run summary/ and
 * read one by its ME path. ME paths are given without the fixed prefix
 * ("PixelPhase1/Tracks/MainDiagonal Position") or in full ("DQMData/Run 306134/PixelPhase1/Run summary/Tracks/...").
 */
import { open } from "node:fs/promises";
import type { Histogram } from "./histogram";
import { CorruptRootFileError, HistogramFormatError, MonitorElementNotFoundError, NotDqmFileError } from "./errors";
import { fromJsroot, isSupportedClass, type JsrootHistogram } from "./from-jsroot";
import { openRootFile, type JsrootFile } from "./jsroot-io";
import { parseQualityReport, type QualityReport } from "./quality-reports";

export interface MonitorElementInfo {
  /** Short ME path: <Subsystem>/<rest>. */
  readonly mePath: string;
  /** Full path inside the file. */
  readonly fullPath: string;
  readonly className: string;
}

export interface DqmRootFile {
  readonly path: string;
  readonly run: number;
  list(): Promise<MonitorElementInfo[]>;
  /** Quality-test results CMSSW wrote into the file (found by the same walk as `list`). */
  qualityReports(): Promise<QualityReport[]>;
  read(mePath: string): Promise<Histogram>;
}

const RUN_DIR = /^Run (\d+)$/;

/** Opens a DQM ROOT file; a truncated or non-ROOT file is a CorruptRootFileError. */
export async function openDqmRootFile(path: string): Promise<DqmRootFile> {
  const { size, end } = await readHeader(path);
  // The header records where the file ends; a shorter file was truncated in transfer.
  if (!(end > 0) || end > size) throw new CorruptRootFileError(path, `corrupt at byte ${size}: the header says the file ends at byte ${end}`);
  let file: JsrootFile;
  try {
    file = await openRootFile(path);
  } catch (err) {
    throw new CorruptRootFileError(path, err instanceof Error ? err.message : String(err));
  }
  const topKeys = file.fKeys.map((k) => k.fName);
  if (!topKeys.includes("DQMData")) throw new NotDqmFileError(path, topKeys);
  const top = await safeDir(file, path, "DQMData");
  const runKey = top.fKeys.find((k) => RUN_DIR.test(k.fName));
  if (!runKey) throw new NotDqmFileError(path, top.fKeys.map((k) => `DQMData/${k.fName}`));
  const run = Number(RUN_DIR.exec(runKey.fName)?.[1]);
  const runPath = `DQMData/${runKey.fName}`;

  const toFull = (mePath: string): string => {
    if (mePath.startsWith("DQMData/")) return mePath;
    const [subsystem, ...rest] = mePath.split("/");
    return `${runPath}/${subsystem}/Run summary/${rest.join("/")}`;
  };

  let contents: Promise<FileContents> | undefined;
  const walkOnce = (): Promise<FileContents> => {
    contents ??= (async () => {
      const out: FileContents = { mes: new Map(), reports: [] };
      const subsystems = await safeDir(file, path, runPath);
      for (const sub of subsystems.fKeys.filter((k) => k.fClassName.startsWith("TDirectory"))) {
        await walk(file, path, `${runPath}/${sub.fName}/Run summary`, `${sub.fName}`, out);
      }
      return out;
    })();
    return contents;
  };

  return {
    path,
    run,
    async list() {
      return [...(await walkOnce()).mes.values()].sort((a, b) => a.mePath.localeCompare(b.mePath));
    },
    async qualityReports() {
      return (await walkOnce()).reports;
    },
    async read(mePath: string) {
      const full = toFull(mePath);
      let obj: unknown;
      try {
        obj = await file.readObject(full);
      } catch {
        throw new MonitorElementNotFoundError(path, mePath);
      }
      if (!obj || typeof obj !== "object") throw new MonitorElementNotFoundError(path, mePath);
      const typename = (obj as { _typename?: string })._typename ?? "";
      if (!isSupportedClass(typename)) throw new HistogramFormatError(`${mePath}: unsupported class ${typename}`);
      try {
        return fromJsroot(obj as JsrootHistogram);
      } catch (err) {
        // A histogram whose arrays do not match its axes was cut short inside the file.
        throw new CorruptRootFileError(path, err instanceof Error ? err.message : String(err));
      }
    },
  };
}

/**
 * TFile header (ROOT io/io/src/TFile.cxx, TFile::Init): "root" magic, version (int32) at 4, fBEGIN at 8 and
 * fEND at 12 — int32, or int64 for version ≥ 1000000 (large files). Read before jsroot parses the
 * file so a truncated file is refused cleanly.
 */
async function readHeader(path: string): Promise<{ size: number; end: number }> {
  const fh = await open(path, "r");
  try {
    const size = (await fh.stat()).size;
    const buf = Buffer.alloc(20);
    const { bytesRead } = await fh.read(buf, 0, 20, 0);
    if (bytesRead < 20 || buf.toString("latin1", 0, 4) !== "root") throw new CorruptRootFileError(path, "no ROOT file header");
    const version = buf.readInt32BE(4);
    const end = version >= 1000000 ? Number(buf.readBigInt64BE(12)) : buf.readInt32BE(12);
    return { size, end };
  } finally {
    await fh.close();
  }
}

async function safeDir(file: JsrootFile, path: string, dir: string) {
  try {
    const d = await file.readDirectory(dir);
    if (!d) throw new Error(`no directory ${dir}`);
    return d;
  } catch (err) {
    throw new CorruptRootFileError(path, err instanceof Error ? err.message : String(err));
  }
}

interface FileContents {
  /** By full path: a key written in several cycles is listed once (a map, so listing stays linear). */
  readonly mes: Map<string, MonitorElementInfo>;
  readonly reports: QualityReport[];
}

async function walk(file: JsrootFile, path: string, dir: string, prefix: string, out: FileContents): Promise<void> {
  const d = await safeDir(file, path, dir);
  for (const k of d.fKeys) {
    const fullPath = `${dir}/${k.fName}`;
    if (k.fClassName.startsWith("TDirectory")) {
      await walk(file, path, fullPath, `${prefix}/${k.fName}`, out);
    } else if (isSupportedClass(k.fClassName)) {
      if (!out.mes.has(fullPath)) out.mes.set(fullPath, { mePath: `${prefix}/${k.fName}`, fullPath, className: k.fClassName });
    } else if (k.fClassName === "TObjString") {
      const report = parseQualityReport(k.fName, prefix);
      if (report) out.reports.push(report);
    }
  }
}
