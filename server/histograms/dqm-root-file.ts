/**
 * DQM ROOT files: list the monitor elements under DQMData/Run N/<Subsystem>/Run summary/ and
 * read one by its ME path. ME paths are given without the fixed prefix
 * ("PixelPhase1/Tracks/MainDiagonal Position") or in full ("DQMData/Run 306134/PixelPhase1/Run summary/Tracks/...").
 *
 * Harvested files hold 50k–150k MEs in thousands of folders, so every lookup is a Map: each
 * directory's keys are read once, indexed by name, and shared by the listing and by `read`.
 * The file is read by ranges (jsroot-io.ts); only the MEs asked for are decompressed and decoded.
 */
import { open } from "node:fs/promises";
import type { Histogram } from "./histogram";
import { CorruptRootFileError, HistogramFormatError, MonitorElementNotFoundError, NotDqmFileError } from "./errors";
import { fromJsroot, isSupportedClass, type JsrootHistogram } from "./from-jsroot";
import { isDirectoryKey, openRootFile, type JsrootKey, type RootFile } from "./jsroot-io";
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
  /** Every ME of a supported class, sorted by ME path. */
  list(): Promise<MonitorElementInfo[]>;
  /** Quality-test results CMSSW wrote into the file (found by the same walk as `list`). */
  qualityReports(): Promise<QualityReport[]>;
  read(mePath: string): Promise<Histogram>;
  /** Releases the file handle; reading afterwards is an error. */
  close(): Promise<void>;
}

const RUN_DIR = /^Run (\d+)$/;
const RUN_SUMMARY = "Run summary";
/** The collation `localeCompare` uses, made once: sorting 100k paths with localeCompare costs seconds. */
const byPath = new Intl.Collator().compare;

type KeyIndex = ReadonlyMap<string, JsrootKey>;

/** Keys by name; of several cycles of a name, the highest (as ROOT's TDirectory::Get). */
function indexKeys(keys: readonly JsrootKey[]): KeyIndex {
  const out = new Map<string, JsrootKey>();
  for (const k of keys) {
    const seen = out.get(k.fName);
    if (!seen || k.fCycle > seen.fCycle) out.set(k.fName, k);
  }
  return out;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Opens a DQM ROOT file; a truncated or non-ROOT file is a CorruptRootFileError. */
export async function openDqmRootFile(path: string): Promise<DqmRootFile> {
  const { size, end } = await readHeader(path);
  // The header records where the file ends; a shorter file was truncated in transfer.
  if (!(end > 0) || end > size) throw new CorruptRootFileError(path, `corrupt at byte ${size}: the header says the file ends at byte ${end}`);
  let file: RootFile;
  try {
    file = await openRootFile(path);
  } catch (err) {
    throw new CorruptRootFileError(path, message(err));
  }
  try {
    return await dqmView(path, file);
  } catch (err) {
    await file.close();
    throw err;
  }
}

async function dqmView(path: string, file: RootFile): Promise<DqmRootFile> {
  /** Directory path → its keys by name, each directory read once (a rejected read is remembered too). */
  const directories = new Map<string, Promise<KeyIndex>>([["", Promise.resolve(indexKeys(file.keys))]]);
  const directory = (dirPath: string): Promise<KeyIndex> => {
    let d = directories.get(dirPath);
    if (!d) {
      const cut = dirPath.lastIndexOf("/");
      const name = dirPath.slice(cut + 1);
      d = directory(cut < 0 ? "" : dirPath.slice(0, cut)).then(async (parent) => {
        const key = parent.get(name);
        if (!key || !isDirectoryKey(key)) throw new MissingDirectoryError(dirPath);
        try {
          return indexKeys(await file.readDirectory(key));
        } catch (err) {
          throw new CorruptRootFileError(path, `directory ${dirPath}: ${message(err)}`);
        }
      });
      directories.set(dirPath, d);
    }
    return d;
  };

  const topKeys = [...(await directory("")).keys()];
  if (!topKeys.includes("DQMData")) throw new NotDqmFileError(path, topKeys);
  const top = await structural(path, directory("DQMData"));
  const runName = [...top.entries()].find(([name, k]) => RUN_DIR.test(name) && isDirectoryKey(k))?.[0];
  if (!runName) throw new NotDqmFileError(path, [...top.keys()].map((k) => `DQMData/${k}`));
  const run = Number(RUN_DIR.exec(runName)?.[1]);
  const runPath = `DQMData/${runName}`;

  const toFull = (mePath: string): string => {
    if (mePath.startsWith("DQMData/")) return mePath;
    const [subsystem, ...rest] = mePath.split("/");
    return `${runPath}/${subsystem}/${RUN_SUMMARY}/${rest.join("/")}`;
  };

  const walk = async (dirPath: string, prefix: string, out: FileContents): Promise<void> => {
    for (const [name, k] of await structural(path, directory(dirPath))) {
      if (isDirectoryKey(k)) {
        // A damaged seek can point a directory at one of its ancestors: walk each record once.
        if (out.seen.has(k.fSeekKey)) throw new CorruptRootFileError(path, `directory ${dirPath}/${name} repeats the record at byte ${k.fSeekKey}`);
        out.seen.add(k.fSeekKey);
        await walk(`${dirPath}/${name}`, `${prefix}/${name}`, out);
      }
      else if (isSupportedClass(k.fClassName)) out.mes.push({ mePath: `${prefix}/${name}`, fullPath: `${dirPath}/${name}`, className: k.fClassName });
      else if (k.fClassName === "TObjString") {
        const report = parseQualityReport(name, prefix);
        if (report) out.reports.push(report);
      }
    }
  };

  let contents: Promise<FileContents> | undefined;
  const walkOnce = (): Promise<FileContents> => {
    contents ??= (async () => {
      const out: FileContents = { mes: [], reports: [], seen: new Set() };
      for (const [sub, k] of await structural(path, directory(runPath))) {
        if (!isDirectoryKey(k)) continue;
        const summary = (await structural(path, directory(`${runPath}/${sub}`))).get(RUN_SUMMARY);
        if (summary && isDirectoryKey(summary)) await walk(`${runPath}/${sub}/${RUN_SUMMARY}`, sub, out);
      }
      out.mes.sort((a, b) => byPath(a.mePath, b.mePath));
      return out;
    })();
    return contents;
  };

  let closed = false;
  return {
    path,
    run,
    async list() {
      return [...(await walkOnce()).mes];
    },
    async qualityReports() {
      return (await walkOnce()).reports;
    },
    async read(mePath: string) {
      if (closed) throw new Error(`${path} is closed`);
      const full = toFull(mePath);
      const cut = full.lastIndexOf("/");
      let key: JsrootKey | undefined;
      try {
        key = (await directory(full.slice(0, cut))).get(full.slice(cut + 1));
      } catch (err) {
        if (!(err instanceof MissingDirectoryError)) throw err;
      }
      if (!key || isDirectoryKey(key)) throw new MonitorElementNotFoundError(path, mePath);
      if (!isSupportedClass(key.fClassName)) throw new HistogramFormatError(`${mePath}: unsupported class ${key.fClassName}`);
      let obj: unknown;
      try {
        obj = await file.readObject(key);
      } catch (err) {
        throw new CorruptRootFileError(path, `${mePath}: ${message(err)}`);
      }
      try {
        return fromJsroot(obj as JsrootHistogram);
      } catch (err) {
        // A histogram whose arrays do not match its axes was cut short inside the file.
        throw new CorruptRootFileError(path, message(err));
      }
    },
    async close() {
      closed = true;
      await file.close();
    },
  };
}

/** A directory on an ME's path that the file does not have: the ME is not there. */
class MissingDirectoryError extends Error {
  override readonly name = "MissingDirectoryError";
}

/** A directory of the DQM layout itself: missing or unreadable means the file is corrupt. */
async function structural(path: string, dir: Promise<KeyIndex>): Promise<KeyIndex> {
  try {
    return await dir;
  } catch (err) {
    if (err instanceof MissingDirectoryError) throw new CorruptRootFileError(path, `no directory ${err.message}`);
    throw err;
  }
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

interface FileContents {
  /** One entry per ME: directory keys are indexed by name, so a key of several cycles is one entry. */
  readonly mes: MonitorElementInfo[];
  readonly reports: QualityReport[];
  /** Where the directories walked so far are stored. */
  readonly seen: Set<number>;
}
