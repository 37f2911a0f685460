/**
 * The row shapes RR's client reads (RUNREGISTRY-API.md §4.1–4.2): a run with `rr_attributes`,
 * `oms_attributes` and `DatasetTripletCache.triplet_summary`; a dataset with its per-workspace
 * states and its `Run`. Built from dqmflow's tables for one page of keys; the triplet summary
 * is computed by the same effectiveFlags the run page uses.
 */
import type { Db } from "../../db/pool";
import type { Run } from "../../db/tables/run.table";
import { workspacesOf } from "../certification/cert-run.repository";
import { toFlagChange } from "../certification/flag.repository";
import { effectiveFlags, type FlagChange } from "../certification/flags";
import { DATASET_STATE_NONE, ONLINE_DATASET, omsRunAttributes, rrStatuses, rrStatusOf } from "./vocabulary";

export interface RrContext {
  readonly db: Db;
  /** Certifiable components (`workspace-column`), from the certification configuration. */
  readonly components: readonly string[];
}

type TripletCounts = Record<string, number | string[]>;
export type TripletSummary = Record<string, TripletCounts>;

interface CertRunFacts {
  readonly state: string | null;
  readonly stage: string | null;
  readonly cert_status: string | null;
  readonly ls_count: number | null;
}

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

export function omsAttributes(r: Run): Record<string, unknown> {
  const byColumn: Record<string, unknown> = {
    "r.fill_number": r.fill_number,
    "r.b_field": r.b_field,
    "r.beam_energy": r.beam_energy,
    "r.delivered_lumi": r.delivered_lumi,
    "r.recorded_lumi": r.recorded_lumi,
    "r.duration_s": r.duration_s,
    "r.ls_count": r.ls_count,
    "r.hlt_key": r.hlt_key,
    "r.l1_key": r.l1_key,
    "r.start_time": iso(r.start_time),
    "r.end_time": iso(r.end_time),
  };
  return Object.fromEntries(Object.entries(omsRunAttributes).map(([k, a]) => [k, byColumn[a.column] ?? null]));
}

export function rrAttributes(r: Run, c: CertRunFacts | undefined): Record<string, unknown> {
  return { class: r.run_class, state: c?.state ?? "OPEN", significant: r.significant, stage: c?.stage ?? null, cert_status: c?.cert_status ?? null };
}

export function lsCountOf(r: Run, c: CertRunFacts | undefined): number {
  return c?.ls_count ?? r.ls_count ?? 0;
}

/** Components listed for a (run, dataset): the configured ones and any other that has a flag. */
export function componentsOf(ctx: RrContext, changes: readonly FlagChange[]): string[] {
  return [...new Set([...ctx.components, ...changes.map((c) => c.component)])].sort();
}

/** Per component: lumisections per RR status, and the comments and causes of the ranges in force. */
export function tripletSummary(ctx: RrContext, changes: readonly FlagChange[], lsCount: number): TripletSummary {
  const out: TripletSummary = {};
  const components = componentsOf(ctx, changes);
  for (const c of components) out[c] = { ...Object.fromEntries(rrStatuses.map((s) => [s, 0])), comments: [], causes: [] };
  for (const r of effectiveFlags(changes, components, lsCount)) {
    const t = out[r.component]!;
    const s = rrStatusOf(r.status);
    t[s] = (t[s] as number) + (r.lastLs - r.firstLs + 1);
    if (r.comment && !(t.comments as string[]).includes(r.comment)) (t.comments as string[]).push(r.comment);
    if (r.cause && !(t.causes as string[]).includes(r.cause)) (t.causes as string[]).push(r.cause);
  }
  return out;
}

async function runsAndCert(db: Db, runNumbers: readonly number[]) {
  if (runNumbers.length === 0) return { runs: new Map<number, Run>(), cert: new Map<number, CertRunFacts>() };
  const [runs, cert] = await Promise.all([
    db.selectFrom("run").selectAll().where("run_number", "in", runNumbers).execute(),
    db.selectFrom("cert_run").select(["run_number", "state", "stage", "cert_status", "ls_count"]).where("run_number", "in", runNumbers).execute(),
  ]);
  return { runs: new Map(runs.map((r) => [r.run_number, r])), cert: new Map(cert.map((c) => [c.run_number, c])) };
}

async function flagsOf(db: Db, pairs: readonly { run: number; dataset: string }[]): Promise<Map<string, FlagChange[]>> {
  const out = new Map<string, FlagChange[]>();
  if (pairs.length === 0) return out;
  const rows = await db
    .selectFrom("cert_flag")
    .selectAll()
    .where("run_number", "in", [...new Set(pairs.map((p) => p.run))])
    .where("dataset_name", "in", [...new Set(pairs.map((p) => p.dataset))])
    .orderBy("id")
    .execute();
  for (const r of rows) {
    const key = `${r.run_number}\u0000${r.dataset_name}`;
    const list = out.get(key) ?? [];
    list.push(toFlagChange(r));
    out.set(key, list);
  }
  return out;
}

/** RR run rows for `runNumbers`, in that order. */
export async function rrRunRows(ctx: RrContext, runNumbers: readonly number[]) {
  const { runs, cert } = await runsAndCert(ctx.db, runNumbers);
  const flags = await flagsOf(ctx.db, runNumbers.map((run) => ({ run, dataset: ONLINE_DATASET })));
  return runNumbers.flatMap((n) => {
    const r = runs.get(n);
    if (!r) return [];
    const c = cert.get(n);
    const changes = flags.get(`${n}\u0000${ONLINE_DATASET}`) ?? [];
    return [
      {
        run_number: n,
        oms_attributes: omsAttributes(r),
        rr_attributes: rrAttributes(r, c),
        version: changes.length,
        deleted: false,
        DatasetTripletCache: { triplet_summary: tripletSummary(ctx, changes, lsCountOf(r, c)) },
      },
    ];
  });
}

/** RR dataset rows for (run, name) keys, in that order. */
export async function rrDatasetRows(ctx: RrContext, keys: readonly { run: number; dataset: string }[]) {
  const runNumbers = [...new Set(keys.map((k) => k.run))];
  const { runs, cert } = await runsAndCert(ctx.db, runNumbers);
  const flags = await flagsOf(ctx.db, keys);
  const states = runNumbers.length
    ? await ctx.db.selectFrom("cert_dataset").select(["run_number", "dataset_name", "workspace", "state", "stage"]).where("run_number", "in", runNumbers).execute()
    : [];
  const datasets = runNumbers.length ? await ctx.db.selectFrom("dataset").select(["run_number", "name", "stage"]).where("run_number", "in", runNumbers).execute() : [];
  return keys.flatMap(({ run, dataset }) => {
    const r = runs.get(run);
    if (!r) return [];
    const c = cert.get(run);
    const changes = flags.get(`${run}\u0000${dataset}`) ?? [];
    const attrs: Record<string, unknown> = Object.fromEntries(workspacesOf(componentsOf(ctx, changes)).map((ws) => [`${ws}_state`, DATASET_STATE_NONE]));
    for (const s of states) if (s.run_number === run && s.dataset_name === dataset) attrs[`${s.workspace}_state`] = s.state;
    attrs.stage = datasets.find((d) => d.run_number === run && d.name === dataset)?.stage ?? null;
    return [
      {
        run_number: run,
        name: dataset,
        dataset_attributes: attrs,
        datasets_in_gui: [],
        deleted: false,
        version: changes.length,
        Run: { rr_attributes: rrAttributes(r, c), oms_attributes: omsAttributes(r) },
        DatasetTripletCache: { triplet_summary: tripletSummary(ctx, changes, lsCountOf(r, c)), dcs_summary: {} },
      },
    ];
  });
}
