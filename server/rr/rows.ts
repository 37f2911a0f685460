/**
 * The row shapes RR's client reads (RUNREGISTRY-API.md §4.1–4.2): a run with `rr_attributes`,
 * `oms_attributes` and `DatasetTripletCache.triplet_summary`; a dataset with its per-workspace
 * states and its `Run`. Built from dqmflow's tables for one page of keys; the triplet summary
 * is computed by the same effectiveFlags the run page uses.
 */
import { sql } from "kysely";
import type { Db } from "../../db/pool";
import type { Run } from "../../db/tables/run.table";
import { workspacesOf } from "../certification/cert-run.repository";
import { toFlagChange } from "../certification/flag.repository";
import { activeChanges, type FlagChange, type FlagStatus, type OriginKind } from "../certification/flags";
import { type SummaryCache, summaryKey } from "./summary-cache";
import { DATASET_STATE_NONE, ONLINE_DATASET, omsRunAttributes, rrStatusOf } from "./vocabulary";

export interface RrContext {
  readonly db: Db;
  /** Certifiable components (`workspace-column`) of the configuration, for runs whose certification did not record its own. */
  readonly components: readonly string[];
  /** Triplet summaries already computed, by flag version (summary-cache.ts). */
  readonly summaries?: SummaryCache;
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
export function componentsOf(ctx: Pick<RrContext, "components">, changes: readonly FlagChange[]): string[] {
  const extra = changes.filter((c) => !ctx.components.includes(c.component));
  if (extra.length === 0) return [...ctx.components].sort();
  return [...new Set([...ctx.components, ...extra.map((c) => c.component)])].sort();
}

function emptyCounts(): TripletCounts {
  return { GOOD: 0, BAD: 0, STANDBY: 0, EXCLUDED: 0, NOTSET: 0, EMPTY: 0, "NO VALUE FOUND": 0, comments: [], causes: [] };
}

/**
 * Per component: lumisections per RR status, and the comments and causes of the ranges in force.
 * Same answer as counting server/certification/flags.ts effectiveFlags (the versions in force
 * from activeChanges, a newer one over older ones), counted per segment between version
 * boundaries rather than per lumisection.
 */
export function tripletSummary(ctx: Pick<RrContext, "components">, changes: readonly FlagChange[], lsCount: number): TripletSummary {
  const out: TripletSummary = {};
  const newestFirst = activeChanges(changes).reverse();
  for (const c of componentsOf(ctx, changes)) {
    const t = emptyCounts();
    out[c] = t;
    const mine = newestFirst.filter((a) => a.component === c && a.lastLs >= 1 && a.firstLs <= lsCount);
    if (mine.length <= 1) {
      // The common cases: no flag, or one version over part or all of the run.
      const a = mine[0];
      const covered = a ? Math.min(lsCount, a.lastLs) - Math.max(1, a.firstLs) + 1 : 0;
      if (a) {
        const st = rrStatusOf(a.status);
        t[st] = (t[st] as number) + covered;
        if (a.comment) (t.comments as string[]).push(a.comment);
        if (a.cause) (t.causes as string[]).push(a.cause);
      }
      t.EMPTY = (t.EMPTY as number) + lsCount - covered;
      continue;
    }
    const points = [...new Set([1, lsCount + 1, ...mine.flatMap((a) => [Math.max(1, a.firstLs), Math.min(lsCount, a.lastLs) + 1])])].sort((x, y) => x - y);
    let last: FlagChange | undefined;
    for (let j = 0; j + 1 < points.length; j++) {
      const from = points[j]!;
      const a = mine.find((m) => m.firstLs <= from && m.lastLs >= from);
      const st = rrStatusOf(a ? a.status : "UNKNOWN");
      t[st] = (t[st] as number) + points[j + 1]! - from;
      if (a && a !== last) {
        if (a.comment && !(t.comments as string[]).includes(a.comment)) (t.comments as string[]).push(a.comment);
        if (a.cause && !(t.causes as string[]).includes(a.cause)) (t.causes as string[]).push(a.cause);
      }
      last = a;
    }
  }
  return out;
}

type FlagRow = { id: number; component: string; first_ls: number; last_ls: number; status: string; cause: string; comment: string; origin_kind: string; origin_name: string; undo_of: number | null; created_by: string; created_at: string };

function changesOf(rows: readonly FlagRow[] | null): FlagChange[] {
  return (rows ?? []).map((f) => ({
    id: f.id,
    component: f.component,
    firstLs: f.first_ls,
    lastLs: f.last_ls,
    status: f.status as FlagStatus,
    cause: f.cause,
    comment: f.comment,
    origin: { kind: f.origin_kind as OriginKind, name: f.origin_name },
    undoOf: f.undo_of,
    createdBy: f.created_by,
    createdAt: new Date(f.created_at),
  }));
}

/** Each run of `runNumbers` with its certification row and the newest id and number of its `dataset`'s flag versions. */
function pageQuery(db: Db, runNumbers: readonly number[], dataset: string) {
  return db
    .selectFrom("run as r")
    .leftJoin("cert_run as cr", "cr.run_number", "r.run_number")
    .selectAll("r")
    .select(["cr.state", "cr.stage", "cr.cert_status", "cr.ls_count as cert_ls_count", "cr.components"])
    .where(sql<boolean>`r.run_number = any(${sql.val([...runNumbers])}::int[])`)
    .select(sql<[number | null, number]>`(select json_build_array(max(id), count(*)) from cert_flag where run_number = r.run_number and dataset_name = ${dataset})`.as("flag_version"));
}

async function flagVersionsOf(db: Db, runNumbers: readonly number[], dataset: string): Promise<Map<number, FlagChange[]>> {
  const out = new Map<number, FlagChange[]>();
  if (runNumbers.length === 0) return out;
  const rows = await db
    .selectFrom("cert_flag")
    .select(["run_number", "id", "component", "first_ls", "last_ls", "status", "cause", "comment", "origin_kind", "origin_name", "undo_of", "created_by", "created_at"])
    .where(sql<boolean>`run_number = any(${sql.val([...runNumbers])}::int[])`)
    .where("dataset_name", "=", dataset)
    .orderBy("id")
    .execute();
  for (const r of rows) {
    const list = out.get(r.run_number) ?? [];
    list.push(...changesOf([{ ...r, created_at: r.created_at.toISOString() }]));
    out.set(r.run_number, list);
  }
  return out;
}

function certFacts(row: { state: string | null; stage: string | null; cert_status: string | null; cert_ls_count: number | null }): CertRunFacts | undefined {
  return row.state === null ? undefined : { state: row.state, stage: row.stage, cert_status: row.cert_status, ls_count: row.cert_ls_count };
}

/** RR run rows for `runNumbers`, in that order. Triplet summaries come from ctx.summaries when the flags did not change. */
export async function rrRunRows(ctx: RrContext, runNumbers: readonly number[]) {
  if (runNumbers.length === 0) return [];
  const rows = await pageQuery(ctx.db, runNumbers, ONLINE_DATASET).execute();
  const keyOf = (r: (typeof rows)[number]) => summaryKey(r.run_number, ONLINE_DATASET, r.flag_version, lsCountOf(r, certFacts(r)), r.components ?? ctx.components);
  const misses = rows.filter((r) => !ctx.summaries?.get(keyOf(r)));
  const flags = await flagVersionsOf(ctx.db, misses.map((r) => r.run_number), ONLINE_DATASET);
  const byRun = new Map(rows.map((r) => [r.run_number, r]));
  return runNumbers.flatMap((n) => {
    const r = byRun.get(n);
    if (!r) return [];
    const c = certFacts(r);
    const key = keyOf(r);
    let summary = ctx.summaries?.get(key);
    if (!summary) {
      summary = tripletSummary({ components: r.components ?? ctx.components }, flags.get(n) ?? [], lsCountOf(r, c));
      ctx.summaries?.set(key, summary);
    }
    return [
      {
        run_number: n,
        oms_attributes: omsAttributes(r),
        rr_attributes: rrAttributes(r, c),
        version: r.flag_version[1],
        deleted: false,
        DatasetTripletCache: { triplet_summary: summary },
      },
    ];
  });
}

/** RR dataset rows for (run, name) keys, in that order. */
export async function rrDatasetRows(ctx: RrContext, keys: readonly { run: number; dataset: string }[]) {
  if (keys.length === 0) return [];
  const runNumbers = [...new Set(keys.map((k) => k.run))];
  const [runs, datasets, states] = await Promise.all([
    ctx.db.selectFrom("run as r").leftJoin("cert_run as cr", "cr.run_number", "r.run_number").selectAll("r").select(["cr.state", "cr.stage", "cr.cert_status", "cr.ls_count as cert_ls_count", "cr.components"]).where("r.run_number", "in", runNumbers).execute(),
    ctx.db.selectFrom("dataset").select(["run_number", "name", "stage"]).where("run_number", "in", runNumbers).execute(),
    ctx.db.selectFrom("cert_dataset").select(["run_number", "dataset_name", "workspace", "state"]).where("run_number", "in", runNumbers).execute(),
  ]);
  const flags = await ctx.db
    .selectFrom("cert_flag")
    .selectAll()
    .where("run_number", "in", runNumbers)
    .where("dataset_name", "in", [...new Set(keys.map((k) => k.dataset))])
    .orderBy("id")
    .execute();
  const byRun = new Map(runs.map((r) => [r.run_number, r]));
  // Grouped once by (run, dataset): a block of a thousand keys must not scan every flag per key.
  const keyOf = (run: number, dataset: string) => `${run}\u0000${dataset}`;
  const group = <T>(items: readonly T[], key: (x: T) => string) => {
    const m = new Map<string, T[]>();
    for (const x of items) {
      const k = key(x);
      const list = m.get(k);
      if (list) list.push(x);
      else m.set(k, [x]);
    }
    return m;
  };
  const flagsOf = group(flags, (f) => keyOf(f.run_number, f.dataset_name));
  const statesOf = group(states, (s) => keyOf(s.run_number, s.dataset_name));
  const stageOf = new Map(datasets.map((d) => [keyOf(d.run_number, d.name), d.stage]));
  return keys.flatMap(({ run, dataset }) => {
    const r = byRun.get(run);
    if (!r) return [];
    const c = certFacts(r);
    const k = keyOf(run, dataset);
    const changes = (flagsOf.get(k) ?? []).map(toFlagChange);
    const components = { components: r.components ?? ctx.components };
    const attrs: Record<string, unknown> = Object.fromEntries(workspacesOf(componentsOf(components, changes)).map((ws) => [`${ws}_state`, DATASET_STATE_NONE]));
    for (const s of statesOf.get(k) ?? []) attrs[`${s.workspace}_state`] = s.state;
    attrs.stage = stageOf.get(k) ?? null;
    return [
      {
        run_number: run,
        name: dataset,
        dataset_attributes: attrs,
        datasets_in_gui: [],
        deleted: false,
        version: changes.length,
        Run: { rr_attributes: rrAttributes(r, c), oms_attributes: omsAttributes(r) },
        DatasetTripletCache: { triplet_summary: tripletSummary(components, changes, lsCountOf(r, c)), dcs_summary: {} },
      },
    ];
  });
}
