/**
 * Run metadata shaped like OMS output: the API's JSON envelope `{"data": [{"attributes": {…}}]}`,
 * a plain JSON list of records, or CSV with the same attribute names as columns. Records with a
 * `lumisection_number` are lumisections, the others runs. All rows are validated before anything
 * is written; one transaction writes them all. Significance follows HDQM's rule.
 */
import { sql } from "kysely";
import { z } from "zod";
import type { Db } from "../../db/pool";
import { runClasses, type RunClass } from "../../db/tables/run.table";
import { splitCsvLine } from "../histograms/from-ml4dqm-csv";
import { isSignificant } from "../hdqm/significance";
import { IngestInputError } from "./ingest-errors";

const num = z.preprocess((v) => (v === "" || v === null ? null : typeof v === "string" ? Number(v) : v), z.number().finite().nullable());
const bool = z.preprocess((v) => (v === "" || v === null ? null : typeof v === "string" ? /^(true|1|yes)$/i.test(v) : v), z.boolean().nullable());
const str = z.preprocess((v) => (v === "" ? null : v), z.string().nullable());
const time = z.preprocess((v) => (v === "" || v === null ? null : v), z.coerce.date().nullable());

const runRecord = z.object({
  run_number: z.coerce.number().int().positive(),
  start_time: z.coerce.date(),
  end_time: time.optional(),
  run_class: z.string().optional(),
  fill_number: num.optional(),
  b_field: num.optional(),
  energy: num.optional(),
  delivered_lumi: num.optional(),
  recorded_lumi: num.optional(),
  last_lumisection_number: num.optional(),
  hlt_key: str.optional(),
  l1_key: str.optional(),
  fill_type_runtime: str.optional(),
});

const lsRecord = z.object({
  run_number: z.coerce.number().int().positive(),
  lumisection_number: z.coerce.number().int().positive(),
  start_time: time.optional(),
  delivered_lumi: num.optional(),
  recorded_lumi: num.optional(),
  beam1_stable: bool.optional(),
  beam2_stable: bool.optional(),
});

const LS_FIELDS = new Set(Object.keys(lsRecord.shape));

export type OmsRun = z.infer<typeof runRecord>;

/** OMS has no run class; take RR's when given, else infer it from the fill type and keys. */
export function runClassOf(r: OmsRun): RunClass {
  const given = runClasses.find((c) => c.toLowerCase() === r.run_class?.toLowerCase());
  if (given) return given;
  if (r.run_class) throw new IngestInputError(`run ${r.run_number}: run_class '${r.run_class}' is not one of ${runClasses.join(", ")}`);
  if (/cosmic/i.test(r.hlt_key ?? "") || (!r.fill_number && !r.fill_type_runtime)) return "Cosmics";
  if (/ion/i.test(r.fill_type_runtime ?? "")) return "HeavyIons";
  if (/proton/i.test(r.fill_type_runtime ?? "") || r.fill_number) return "Collisions";
  return "Other";
}

/** Records from JSON (OMS envelope or list) or CSV text. */
export function parseOmsRecords(text: string, format: "json" | "csv", source: string): Record<string, unknown>[] {
  if (format === "csv") {
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
    const header = lines.shift();
    if (!header) throw new IngestInputError(`${source}: empty CSV`);
    const cols = splitCsvLine(header).map((c) => c.trim());
    return lines.map((l, i) => {
      const f = splitCsvLine(l);
      if (f.length !== cols.length) throw new IngestInputError(`${source}: line ${i + 2} has ${f.length} fields, the header ${cols.length}`);
      return Object.fromEntries(cols.map((c, j) => [c, f[j]]));
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new IngestInputError(`${source}: not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { data?: unknown } | null)?.data;
  if (!Array.isArray(list)) throw new IngestInputError(`${source}: expected a list of records or an OMS {"data": [...]} envelope`);
  return list.map((item: unknown, i) => {
    if (typeof item !== "object" || item === null) throw new IngestInputError(`${source}: record ${i} is not an object`);
    const attrs = (item as { attributes?: unknown }).attributes;
    return (typeof attrs === "object" && attrs !== null ? attrs : item) as Record<string, unknown>;
  });
}

export interface OmsImportResult {
  readonly runs: number;
  readonly lumisections: number;
}

function validate<T>(schema: z.ZodType<T>, rec: Record<string, unknown>, source: string, i: number): T {
  const r = schema.safeParse(rec);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new IngestInputError(`${source}: record ${i + 1}, field ${issue.path.join(".") || "(record)"}: ${issue.message}`);
}

/** Validates every record, then upserts runs and lumisections in one transaction. */
export async function importOmsRecords(db: Db, records: readonly Record<string, unknown>[], source: string): Promise<OmsImportResult> {
  const runs: OmsRun[] = [];
  const lumis: (z.infer<typeof lsRecord> & { dcs: Record<string, boolean> })[] = [];
  records.forEach((rec, i) => {
    if (!("lumisection_number" in rec)) {
      runs.push(validate(runRecord, rec, source, i));
      return;
    }
    // OMS reports detector readiness as <partition>_ready columns (bpix_ready, tibtid_ready…).
    const dcs = Object.fromEntries(
      Object.entries(rec)
        .filter(([k, v]) => k.endsWith("_ready") && !LS_FIELDS.has(k) && v !== null && v !== "")
        .map(([k, v]) => [k.replace(/_ready$/, ""), v === true || v === "true" || v === "True" || v === 1 || v === "1"]),
    );
    lumis.push({ ...validate(lsRecord, rec, source, i), dcs });
  });
  const runRows = runs.map((r) => {
    const end = r.end_time ?? null;
    if (end && end < r.start_time) throw new IngestInputError(`${source}: run ${r.run_number} ends before it starts`);
    const runClass = runClassOf(r);
    const durationS = end ? Math.round((end.getTime() - r.start_time.getTime()) / 1000) : null;
    return {
      run_number: r.run_number,
      start_time: r.start_time,
      end_time: end,
      run_class: runClass,
      fill_number: r.fill_number ?? null,
      b_field: r.b_field ?? null,
      beam_energy: r.energy ?? null,
      delivered_lumi: r.delivered_lumi ?? null,
      recorded_lumi: r.recorded_lumi ?? null,
      ls_count: r.last_lumisection_number ?? null,
      hlt_key: r.hlt_key ?? null,
      l1_key: r.l1_key ?? null,
      significant: isSignificant({ runClass, hltKey: r.hlt_key ?? null, recordedLumi: r.recorded_lumi ?? null, durationS }),
    };
  });
  const lsRows = lumis.map((l) => {
    return {
      run_number: l.run_number,
      ls_number: l.lumisection_number,
      start_time: l.start_time ?? null,
      delivered_lumi: l.delivered_lumi ?? null,
      recorded_lumi: l.recorded_lumi ?? null,
      beam1_stable: l.beam1_stable ?? null,
      beam2_stable: l.beam2_stable ?? null,
      dcs: l.dcs,
    };
  });
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < runRows.length; i += 1000) {
      const slice = runRows.slice(i, i + 1000);
      const before = await trx.selectFrom("run").select(["run_number", "start_time"]).where("run_number", "in", slice.map((r) => r.run_number)).execute();
      await trx
        .insertInto("run")
        .values(slice)
        .onConflict((oc) =>
          oc.column("run_number").doUpdateSet((eb) => ({
            start_time: eb.ref("excluded.start_time"),
            end_time: eb.ref("excluded.end_time"),
            run_class: eb.ref("excluded.run_class"),
            fill_number: eb.ref("excluded.fill_number"),
            b_field: eb.ref("excluded.b_field"),
            beam_energy: eb.ref("excluded.beam_energy"),
            delivered_lumi: eb.ref("excluded.delivered_lumi"),
            recorded_lumi: eb.ref("excluded.recorded_lumi"),
            ls_count: eb.ref("excluded.ls_count"),
            hlt_key: eb.ref("excluded.hlt_key"),
            l1_key: eb.ref("excluded.l1_key"),
            significant: eb.ref("excluded.significant"),
            updated_at: sql<Date>`now()`,
          })),
        )
        .execute();
      // Points are stamped with the run start: move them when OMS corrects it.
      const moved = slice.filter((r) => before.some((b) => b.run_number === r.run_number && b.start_time.getTime() !== r.start_time.getTime()));
      for (const r of moved) {
        await sql`with old as (delete from metric_point where run_number = ${r.run_number} returning run_number, dataset_id, metric_id, value, error)
          insert into metric_point (time, run_number, dataset_id, metric_id, value, error) select ${r.start_time}, run_number, dataset_id, metric_id, value, error from old`.execute(trx);
      }
    }
    const unknown = new Set(lsRows.map((l) => l.run_number));
    if (unknown.size) {
      const known = await trx.selectFrom("run").select("run_number").where("run_number", "in", [...unknown]).execute();
      for (const k of known) unknown.delete(k.run_number);
      if (unknown.size) throw new IngestInputError(`${source}: lumisections of unknown runs ${[...unknown].slice(0, 5).join(", ")}: import the runs first (or in the same file)`);
    }
    for (let i = 0; i < lsRows.length; i += 2000) {
      await trx
        .insertInto("lumisection")
        .values(lsRows.slice(i, i + 2000).map((l) => ({ ...l, dcs: JSON.stringify(l.dcs) as unknown as Record<string, boolean> })))
        .onConflict((oc) =>
          oc.columns(["run_number", "ls_number"]).doUpdateSet((eb) => ({
            start_time: eb.ref("excluded.start_time"),
            delivered_lumi: eb.ref("excluded.delivered_lumi"),
            recorded_lumi: eb.ref("excluded.recorded_lumi"),
            beam1_stable: eb.ref("excluded.beam1_stable"),
            beam2_stable: eb.ref("excluded.beam2_stable"),
            dcs: eb.ref("excluded.dcs"),
          })),
        )
        .execute();
    }
  });
  return { runs: runRows.length, lumisections: lsRows.length };
}
