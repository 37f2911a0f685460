/**
 * Loading a season certified in Run Registry from JSON saved with its client, so it can be
 * compared with dqmflow's own certification:
 *   runs         `get_runs(compress_attributes=False)` (or compressed): a list of runs
 *   flags        `get_lumisection_ranges_by_component(run)`: {component: [{status, comment, cause, start, end}]}
 *   lumisections `get_oms_lumisections(run)`: one object per lumisection
 * A flags or lumisections file names its run either in its file name (`…327743….json`) or by
 * keying the answers by run: {"327743": <answer>, …}. Runs go into `run` (class mapped by the
 * vocabulary), flags into `cert_flag` as versions by a person ("Run Registry import"), OMS
 * facts into `lumisection`. Importing a file again writes nothing twice.
 */
import type { Db } from "../../db/pool";
import { type FlagStatus, flagStatuses } from "../certification/flags";
import { dcsPartitionOf, ONLINE_DATASET, runClassFromRr } from "./vocabulary";

export type RrExportKind = "runs" | "flags" | "lumisections";

export class ImportError extends Error {
  override name = "ImportError";
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

export const IMPORT_ORIGIN = "Run Registry import";

function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : null;
}

function isRangesByComponent(v: unknown): boolean {
  return isObj(v) && Object.keys(v).length > 0 && Object.entries(v).every(([k, r]) => /^[a-z0-9]+-[\w]+$/.test(k) && Array.isArray(r) && r.every((x) => isObj(x) && "start" in x && "end" in x));
}

function isOmsList(v: unknown): boolean {
  return Array.isArray(v) && v.length > 0 && v.every(isObj) && v.some((x) => "recorded" in x || Object.keys(x).some((k) => k.endsWith("_ready")));
}

/** What a parsed file holds, per run. */
export interface RrExport {
  readonly kind: RrExportKind;
  readonly perRun: ReadonlyMap<number, unknown>;
}

/** Recognises the client's answers; `fileName` gives the run of a single-run answer. */
export function classify(json: unknown, fileName: string): RrExport {
  if (Array.isArray(json) && json.length > 0 && json.every((r) => isObj(r) && num(r.run_number) !== null && isObj(r.oms_attributes))) {
    return { kind: "runs", perRun: new Map(json.map((r) => [num((r as Obj).run_number)!, r])) };
  }
  const runFromName = () => {
    const m = /(\d{5,10})/.exec(fileName.split("/").pop() ?? "");
    if (!m) throw new ImportError(`${fileName}: a single run's answer needs the run number in the file name (e.g. flags-327743.json) or a {"<run>": …} wrapper`);
    return Number(m[1]);
  };
  if (isRangesByComponent(json)) return { kind: "flags", perRun: new Map([[runFromName(), json]]) };
  if (isOmsList(json)) return { kind: "lumisections", perRun: new Map([[runFromName(), json]]) };
  if (isObj(json) && Object.keys(json).length > 0 && Object.keys(json).every((k) => /^\d+$/.test(k))) {
    const values = Object.values(json);
    if (values.every(isRangesByComponent)) return { kind: "flags", perRun: new Map(Object.entries(json).map(([k, v]) => [Number(k), v])) };
    if (values.every(isOmsList)) return { kind: "lumisections", perRun: new Map(Object.entries(json).map(([k, v]) => [Number(k), v])) };
  }
  throw new ImportError(`${fileName}: not a get_runs, get_lumisection_ranges_by_component or get_oms_lumisections answer`);
}

function date(v: unknown): Date | null {
  if (typeof v !== "string" && typeof v !== "number") return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

export async function importRuns(db: Db, runs: ReadonlyMap<number, unknown>): Promise<number> {
  let n = 0;
  for (const [runNumber, raw] of runs) {
    const r = raw as Obj;
    const oms = (r.oms_attributes ?? {}) as Obj;
    const rr = (isObj(r.rr_attributes) ? r.rr_attributes : r);
    const start = date(oms.start_time) ?? new Date(0);
    const end = date(oms.end_time);
    const values = {
      run_number: runNumber,
      start_time: start,
      end_time: end && end >= start ? end : null,
      run_class: runClassFromRr(typeof rr.class === "string" ? rr.class : "") ?? ("Other" as const),
      fill_number: num(oms.fill_number),
      b_field: num(oms.b_field),
      beam_energy: num(oms.energy),
      delivered_lumi: num(oms.delivered_lumi),
      recorded_lumi: num(oms.recorded_lumi),
      ls_count: num(oms.ls_duration) ?? num(oms.last_lumisection_number),
      hlt_key: typeof oms.hlt_key === "string" ? oms.hlt_key : null,
      l1_key: typeof oms.l1_key === "string" ? oms.l1_key : null,
      significant: rr.significant === undefined ? true : rr.significant === true,
    };
    await db.transaction().execute(async (trx) => {
      const { run_number: _rn, ...update } = values;
      await trx.insertInto("run").values(values).onConflict((oc) => oc.column("run_number").doUpdateSet({ ...update, updated_at: new Date() })).execute();
      await trx.insertInto("dataset").values({ run_number: runNumber, name: ONLINE_DATASET, primary_dataset: "online", processing_string: "online", stage: "online" }).onConflict((oc) => oc.columns(["run_number", "name"]).doNothing()).execute();
    });
    n++;
  }
  return n;
}

async function knownRuns(db: Db, runs: Iterable<number>): Promise<Set<number>> {
  const list = [...runs];
  if (list.length === 0) return new Set();
  return new Set((await db.selectFrom("run").select("run_number").where("run_number", "in", list).execute()).map((r) => r.run_number));
}

function missing(runs: Iterable<number>, known: Set<number>, fileName: string): void {
  const absent = [...runs].filter((r) => !known.has(r));
  if (absent.length) throw new ImportError(`${fileName}: unknown run(s) ${absent.slice(0, 5).join(", ")}${absent.length > 5 ? "…" : ""}; import their get_runs answer first`);
}

/** Flag versions from RR's ranges (EMPTY ranges carry nothing and are skipped). Returns the ranges written. */
export async function importFlags(db: Db, perRun: ReadonlyMap<number, unknown>, dataset: string, fileName: string): Promise<number> {
  missing(perRun.keys(), await knownRuns(db, perRun.keys()), fileName);
  let written = 0;
  for (const [runNumber, byComponent] of perRun) {
    const rows = Object.entries(byComponent as Record<string, Obj[]>).flatMap(([component, ranges]) =>
      ranges.flatMap((r) => {
        const status = typeof r.status === "string" ? r.status : "";
        const first = num(r.start);
        const last = num(r.end);
        if (status === "EMPTY" || first === null || last === null || last < first) return [];
        if (!(flagStatuses as readonly string[]).includes(status)) throw new ImportError(`${fileName}: run ${runNumber} ${component} has status '${status}', not one of ${flagStatuses.join(", ")}`);
        return [
          {
            run_number: runNumber,
            dataset_name: dataset,
            component,
            first_ls: first,
            last_ls: last,
            status: status as FlagStatus,
            cause: typeof r.cause === "string" ? r.cause : "",
            comment: typeof r.comment === "string" ? r.comment : "",
            origin_kind: "person",
            origin_name: IMPORT_ORIGIN,
            undo_of: null,
            created_by: IMPORT_ORIGIN,
            idempotency_key: `rr-import/${runNumber}/${dataset}/${component}/${first}-${last}/${status}`,
          },
        ];
      }),
    );
    for (let i = 0; i < rows.length; i += 1000) {
      const res = await db.insertInto("cert_flag").values(rows.slice(i, i + 1000)).onConflict((oc) => oc.column("idempotency_key").doNothing()).returning("id").execute();
      written += res.length;
    }
  }
  return written;
}

/** OMS facts per lumisection (a gap, RR's {"err": …}, is skipped). Returns the lumisections written. */
export async function importLumisections(db: Db, perRun: ReadonlyMap<number, unknown>, fileName: string): Promise<number> {
  missing(perRun.keys(), await knownRuns(db, perRun.keys()), fileName);
  let written = 0;
  for (const [runNumber, list] of perRun) {
    const rows = (list as Obj[]).flatMap((ls, i) => {
      if ("err" in ls) return [];
      const dcs: Record<string, boolean> = {};
      for (const [k, v] of Object.entries(ls)) {
        const p = dcsPartitionOf(k);
        if (p && typeof v === "boolean") dcs[p] = v;
      }
      return [
        {
          run_number: runNumber,
          ls_number: i + 1,
          recorded_lumi: num(ls.recorded),
          delivered_lumi: num(ls.delivered),
          beam1_stable: typeof ls.beam1_stable === "boolean" ? ls.beam1_stable : null,
          beam2_stable: typeof ls.beam2_stable === "boolean" ? ls.beam2_stable : null,
          dcs: JSON.stringify(dcs) as unknown as Record<string, boolean>,
        },
      ];
    });
    for (let i = 0; i < rows.length; i += 2000) {
      await db
        .insertInto("lumisection")
        .values(rows.slice(i, i + 2000))
        .onConflict((oc) =>
          oc.columns(["run_number", "ls_number"]).doUpdateSet((eb) => ({
            recorded_lumi: eb.ref("excluded.recorded_lumi"),
            delivered_lumi: eb.ref("excluded.delivered_lumi"),
            beam1_stable: eb.ref("excluded.beam1_stable"),
            beam2_stable: eb.ref("excluded.beam2_stable"),
            dcs: eb.ref("excluded.dcs"),
          })),
        )
        .execute();
      written += Math.min(2000, rows.length - i);
    }
  }
  return written;
}
