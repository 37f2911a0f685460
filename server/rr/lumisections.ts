/**
 * RR's six `/lumisections/*` answers for one (run, dataset): component triplets per lumisection
 * from the flags in force (server/certification/flags.ts), OMS facts per lumisection from the
 * `lumisection` table, and both compressed into ranges that break where anything changes.
 * An unknown run or dataset answers [] ({} by component), as RR does.
 */
import type { Db } from "../../db/pool";
import type { Lumisection } from "../../db/tables/lumisection.table";
import { flagChanges } from "../certification/flag.repository";
import { effectiveFlags } from "../certification/flags";
import { RrError } from "./errors";
import { componentsOf, type RrContext } from "./rows";
import { rrDcsKey, rrStatusOf } from "./vocabulary";

export interface Triplet {
  readonly status: string;
  readonly comment: string;
  readonly cause: string;
}
type LsObject = Record<string, unknown>;

export interface LumisectionRequest {
  readonly runNumber: number;
  readonly dataset: string;
}

export function lumisectionRequest(body: unknown): LumisectionRequest {
  const b = (body ?? {}) as Record<string, unknown>;
  const n = typeof b.run_number === "string" && /^\d+$/.test(b.run_number) ? Number(b.run_number) : b.run_number;
  if (typeof n !== "number" || !Number.isInteger(n) || n <= 0 || n > 2_147_483_647) throw new RrError(`run_number must be a positive integer, not ${JSON.stringify(b.run_number)?.slice(0, 40)}`);
  const ds = b.dataset_name ?? "online";
  if (typeof ds !== "string" || ds.length === 0 || ds.length > 500) throw new RrError("dataset_name must be a dataset name");
  return { runNumber: n, dataset: ds };
}

/** Consecutive equal objects (deep, by JSON) become one range with start/end (1-based, inclusive). */
export function toRanges<T extends LsObject>(perLs: readonly T[]): (T & { start: number; end: number })[] {
  const out: (T & { start: number; end: number })[] = [];
  let prevKey = "";
  perLs.forEach((o, i) => {
    const key = JSON.stringify(o);
    const last = out[out.length - 1];
    if (last && key === prevKey) last.end = i + 1;
    else out.push({ ...o, start: i + 1, end: i + 1 });
    prevKey = key;
  });
  return out;
}

/** The run's lumisection count and certified components (its workflow's, else the configured ones); null for an unknown run. */
async function runFacts(db: Db, runNumber: number, configured: readonly string[]): Promise<{ lsCount: number; components: readonly string[] } | null> {
  const row = await db
    .selectFrom("run as r")
    .leftJoin("cert_run as cr", "cr.run_number", "r.run_number")
    .select(["r.ls_count as runLs", "cr.ls_count as certLs", "cr.components"])
    .where("r.run_number", "=", runNumber)
    .executeTakeFirst();
  return row ? { lsCount: row.certLs ?? row.runLs ?? 0, components: row.components ?? configured } : null;
}

async function datasetKnown(db: Db, r: LumisectionRequest): Promise<boolean> {
  const [ds, cd] = await Promise.all([
    db.selectFrom("dataset").select("id").where("run_number", "=", r.runNumber).where("name", "=", r.dataset).executeTakeFirst(),
    db.selectFrom("cert_dataset").select("workspace").where("run_number", "=", r.runNumber).where("dataset_name", "=", r.dataset).executeTakeFirst(),
  ]);
  return !!ds || !!cd;
}

/** Per lumisection 1..n: {"<ws>-<col>": {status, comment, cause}}; null for an unknown run or dataset. */
export async function rrLumisections(ctx: RrContext, r: LumisectionRequest): Promise<Record<string, Triplet>[] | null> {
  const run = await runFacts(ctx.db, r.runNumber, ctx.components);
  if (run === null) return null;
  const { lsCount } = run;
  const changes = await flagChanges(ctx.db, r.runNumber, r.dataset);
  if (changes.length === 0 && !(await datasetKnown(ctx.db, r))) return null;
  const perLs: Record<string, Triplet>[] = Array.from({ length: lsCount }, () => ({}));
  for (const e of effectiveFlags(changes, componentsOf(run, changes), lsCount)) {
    const t: Triplet = { status: rrStatusOf(e.status), comment: e.comment, cause: e.cause };
    for (let ls = e.firstLs; ls <= e.lastLs; ls++) perLs[ls - 1]![e.component] = t;
  }
  return perLs;
}

export async function rrLumisectionRangesByComponent(ctx: RrContext, r: LumisectionRequest) {
  const perLs = await rrLumisections(ctx, r);
  if (!perLs) return {};
  const components = Object.keys(perLs[0] ?? {});
  return Object.fromEntries(components.map((c) => [c, toRanges(perLs.map((o) => ({ ...o[c]! })))]));
}

function omsObject(l: Lumisection, withLumi: boolean): LsObject {
  const o: LsObject = {};
  for (const [k, v] of Object.entries(l.dcs ?? {}).sort(([a], [b]) => a.localeCompare(b))) o[rrDcsKey(k)] = v;
  o.beam1_stable = l.beam1_stable;
  o.beam2_stable = l.beam2_stable;
  if (withLumi) {
    o.recorded = l.recorded_lumi;
    o.delivered = l.delivered_lumi;
  }
  return o;
}

const NO_DATA = { err: "No data available for this lumisection" };

/** OMS facts per lumisection 1..last (a gap is RR's `{"err": …}`); the same for every dataset of the run. */
export async function omsLumisections(ctx: RrContext, r: LumisectionRequest, withLumi = true): Promise<LsObject[]> {
  const rows = await ctx.db.selectFrom("lumisection").selectAll().where("run_number", "=", r.runNumber).orderBy("ls_number").execute();
  const last = rows[rows.length - 1]?.ls_number ?? 0;
  const out: LsObject[] = Array.from({ length: last }, () => ({ ...NO_DATA }));
  for (const l of rows) out[l.ls_number - 1] = omsObject(l, withLumi);
  return out;
}

export async function jointLumisectionRanges(ctx: RrContext, r: LumisectionRequest) {
  const [oms, rr] = await Promise.all([omsLumisections(ctx, r), rrLumisections(ctx, r)]);
  if (!rr) return [];
  const n = Math.max(oms.length, rr.length);
  return toRanges(Array.from({ length: n }, (_, i) => ({ ...(oms[i] ?? NO_DATA), ...(rr[i] ?? {}) })));
}
