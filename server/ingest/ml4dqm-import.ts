/**
 * ML4DQM per-lumisection CSVs (shared/data/ml4dqm/) into ls_histogram: every row validated
 * first, then one transaction upserts them all and records the file.
 */
import { readFile } from "node:fs/promises";
import type { Db } from "../../db/pool";
import { HistogramFormatError } from "../histograms/errors";
import { type Ml4dqmRow, parseMl4dqmHeader, parseMl4dqmRow, splitCsvLine } from "../histograms/from-ml4dqm-csv";
import { fileChecksum } from "./checksum";
import { IngestInputError } from "./ingest-errors";
import { recordIngestFailure } from "./write-ingest";

export interface Ml4dqmParsed {
  readonly rows: Ml4dqmRow[];
  /** False when the export has no DCSbit column (some single-histogram examples). */
  readonly hasDcs: boolean;
}

/** Parses a whole file; a bad row is an IngestInputError naming its line. */
export function parseMl4dqmFile(text: string, source: string): Ml4dqmParsed {
  const lines = text.split(/\r?\n/);
  let header = lines.shift() ?? "";
  if (header.trim() === "") throw new IngestInputError(`${source}: empty file`);
  const hasDcs = splitCsvLine(header.trim()).includes("DCSbit");
  // Without DCSbit the shared row parser still applies, with an empty column it reads as false
  // and which is stored as "unknown" (null) below.
  if (!hasDcs) header = `${header.trim()},DCSbit`;
  let columns;
  try {
    columns = parseMl4dqmHeader(header);
  } catch (err) {
    throw new IngestInputError(`${source}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const rows: Ml4dqmRow[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    try {
      const row = parseMl4dqmRow(hasDcs ? line : `${line.trim()},`, columns);
      if (!Number.isInteger(row.run) || row.run <= 0 || !Number.isInteger(row.lumi) || row.lumi <= 0) throw new HistogramFormatError("run and lumisection must be positive integers");
      rows.push(row);
    } catch (err) {
      if (err instanceof HistogramFormatError) throw new IngestInputError(`${source}: line ${i + 2}: ${err.message}`);
      throw err;
    }
  });
  return { rows, hasDcs };
}

/** The ls_histogram row of one CSV row; `dcs` null where the export has no DCS bit. */
export function lsHistogramRow(r: Ml4dqmRow, ingestFileId: number | null, dcs: boolean | null = r.dcs) {
  return {
    me_name: r.histogram.name,
    run_number: r.run,
    ls_number: r.lumi,
    x_min: r.histogram.x.min,
    x_max: r.histogram.x.max,
    contents: Array.from(r.histogram.contents),
    entries: r.histogram.entries,
    golden: r.golden,
    dcs,
    ingest_file_id: ingestFileId,
  };
}

export interface Ml4dqmImportResult {
  readonly rows: number;
  readonly runs: number;
  readonly monitorElements: string[];
}

export async function importMl4dqmCsv(db: Db, path: string): Promise<Ml4dqmImportResult> {
  const sum = await fileChecksum(path);
  const source = { path, kind: "ml4dqm-csv" as const, ...sum, version: null };
  try {
    const { rows, hasDcs } = parseMl4dqmFile(await readFile(path, "utf8"), path);
    if (rows.length === 0) throw new IngestInputError(`${path}: no rows`);
    await db.transaction().execute(async (trx) => {
      const file = await trx
        .insertInto("ingest_file")
        .values({ path, kind: "ml4dqm-csv", checksum: sum.checksum, size_bytes: sum.sizeBytes, version: null, outcome: "ingested", points: rows.length, run_number: rows.length && rows.every((r) => r.run === rows[0]!.run) ? rows[0]!.run : null })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (let i = 0; i < rows.length; i += 1000) {
        await trx
          .insertInto("ls_histogram")
          .values(
            rows.slice(i, i + 1000).map((r) => lsHistogramRow(r, file.id, hasDcs ? r.dcs : null)),
          )
          .onConflict((oc) =>
            oc.columns(["me_name", "run_number", "ls_number"]).doUpdateSet((eb) => ({
              x_min: eb.ref("excluded.x_min"),
              x_max: eb.ref("excluded.x_max"),
              contents: eb.ref("excluded.contents"),
              entries: eb.ref("excluded.entries"),
              golden: eb.ref("excluded.golden"),
              dcs: eb.ref("excluded.dcs"),
              ingest_file_id: eb.ref("excluded.ingest_file_id"),
            })),
          )
          .execute();
      }
    });
    return { rows: rows.length, runs: new Set(rows.map((r) => r.run)).size, monitorElements: [...new Set(rows.map((r) => r.histogram.name))] };
  } catch (err) {
    if (err instanceof IngestInputError) await recordIngestFailure(db, source, err.message);
    throw err;
  }
}
