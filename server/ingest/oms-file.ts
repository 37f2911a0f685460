/**
 * One OMS run-metadata file (JSON envelope or list, or CSV) into the database, with its
 * bookkeeping row: the one path for this job (the `ingest-oms` workflow's activity and the CLI's
 * `--local` mode). Returns what certification needs to hear about each run.
 */
import { readFile } from "node:fs/promises";
import type { Db } from "../../db/pool";
import { fileChecksum } from "./checksum";
import { IngestInputError } from "./ingest-errors";
import { importOmsRecords, parseOmsRecords } from "./oms-import";

export interface OmsFileReport {
  readonly path: string;
  readonly runs: { readonly runNumber: number; readonly runClass: string; readonly lsCount: number }[];
  /** Runs OMS announced for the first time here (new, or known only from a DQM file): their certification starts or completes. */
  readonly announced: number[];
  readonly lumisections: number;
  /** This very content was imported before: nothing was written. */
  readonly unchanged: boolean;
}

/** Files larger than this are refused before they are read (a season of OMS metadata is a few MB). */
export const MAX_OMS_FILE_BYTES = 256 * 1024 * 1024;

export function omsFormatOf(path: string): "json" | "csv" {
  if (/\.json$/i.test(path)) return "json";
  if (/\.csv$/i.test(path)) return "csv";
  throw new IngestInputError(`${path}: OMS run metadata must be a .json or .csv file`, "BadFileName");
}

export async function ingestOmsFile(db: Db, path: string, opts: { workflowId?: string } = {}): Promise<OmsFileReport> {
  const format = omsFormatOf(path);
  const kind = format === "json" ? ("oms-json" as const) : ("oms-csv" as const);
  let sum;
  try {
    sum = await fileChecksum(path);
  } catch (err) {
    throw new IngestInputError(`${path}: cannot read the file (${err instanceof Error ? err.message : String(err)})`, "Unreadable");
  }
  const record = async (outcome: "ingested" | "failed", message: string | null, points: number) =>
    db.insertInto("ingest_file").values({ path, kind, checksum: sum.checksum, size_bytes: sum.sizeBytes, outcome, message, points, workflow_id: opts.workflowId ?? null, run_number: null, dataset_name: null, version: null }).execute();
  const before = await db.selectFrom("ingest_file").select("id").where("path", "=", path).where("checksum", "=", sum.checksum).where("outcome", "=", "ingested").executeTakeFirst();
  if (before) return { path, runs: [], announced: [], lumisections: 0, unchanged: true };
  try {
    if (sum.sizeBytes > MAX_OMS_FILE_BYTES) throw new IngestInputError(`${path}: ${sum.sizeBytes} bytes, more than the ${MAX_OMS_FILE_BYTES} an OMS metadata file may have`, "TooLarge");
    const records = parseOmsRecords(await readFile(path, "utf8"), format, path);
    const numbers = [...new Set(records.filter((rec) => !("lumisection_number" in rec)).map((rec) => Number(rec.run_number)).filter(Number.isSafeInteger))];
    const known = numbers.length ? await db.selectFrom("run").select("run_number").where("run_number", "in", numbers).where("provisional", "=", false).execute() : [];
    const knownSet = new Set(known.map((k) => k.run_number));
    const r = await importOmsRecords(db, records, path);
    const rows = numbers.length ? await db.selectFrom("run").select(["run_number", "run_class", "ls_count"]).where("run_number", "in", numbers).execute() : [];
    // A run OMS announces after its DQM file is no longer provisional.
    if (numbers.length) await db.updateTable("run").set({ provisional: false }).where("run_number", "in", numbers).where("provisional", "=", true).execute();
    await record("ingested", null, r.runs + r.lumisections);
    return {
      path,
      runs: rows.map((x) => ({ runNumber: x.run_number, runClass: x.run_class, lsCount: x.ls_count ?? 0 })),
      announced: rows.map((x) => x.run_number).filter((n) => !knownSet.has(n)).sort((a, b) => a - b),
      lumisections: r.lumisections,
      unchanged: false,
    };
  } catch (err) {
    if (err instanceof IngestInputError) await record("failed", err.message.slice(0, 4000), 0);
    throw err;
  }
}
