/**
 * A parsed RR filter compiled to a parameterised Kysely expression: attribute names resolve
 * through the vocabulary to dqmflow's columns (never into SQL text), operators come from a
 * closed list, and every value is a bound parameter of the attribute's own type.
 */
import { type RawBuilder, sql, type SqlBool } from "kysely";
import { RrError } from "./errors";
import type { ComparisonOp, FilterNode, Scalar } from "./filter";
import { type AttributeType, type ColumnAttribute, DATASET_STATE_NONE, ONLINE_DATASET, omsRunAttributes, rrRunAttributes, rrStatuses, workspaceOfStateKey } from "./vocabulary";

/** Which table a query lists: runs (`run r`, `cert_run cr`) or datasets (also `dataset d`). */
export type RrTarget = "runs" | "datasets";

interface Resolved {
  readonly expr: RawBuilder<unknown>;
  readonly type: AttributeType;
}

export function columnExpr(c: ColumnAttribute["column"]): RawBuilder<unknown> {
  return c === "run_state" ? sql`coalesce(cr.state, 'OPEN')` : sql.ref(c);
}

const lsCountExpr = sql`coalesce(cr.ls_count, r.ls_count, 0)`;

/**
 * Lumisections of (run, dataset, component) whose flag in force has `status` (EMPTY: none).
 * "In force" as server/certification/flags.ts effectiveFlags: the newest version covering the
 * lumisection that no (not itself undone) undo cancels. Counted per segment between flag
 * boundaries (a handful per run), not per lumisection.
 */
export function tripletCountExpr(target: RrTarget, component: string, status: string): RawBuilder<number> {
  const dataset = target === "runs" ? sql`${ONLINE_DATASET}` : sql.ref("d.name");
  return sql<number>`(with a as (
      select f.id, greatest(f.first_ls, 1) as lo, least(f.last_ls, ${lsCountExpr}) as hi, f.status from cert_flag f
      where f.run_number = r.run_number and f.dataset_name = ${dataset} and f.component = ${component} and f.undo_of is null
        and not exists (select 1 from cert_flag u where u.run_number = f.run_number and u.dataset_name = f.dataset_name and u.undo_of = f.id
          and not exists (select 1 from cert_flag uu where uu.run_number = u.run_number and uu.dataset_name = u.dataset_name and uu.undo_of = u.id))),
    seg as (select b, lead(b) over (order by b) as nb from (select 1 as b union select ${lsCountExpr} + 1 union select lo from a union select hi + 1 from a) p where b between 1 and ${lsCountExpr} + 1)
    select coalesce(sum(nb - b), 0) from seg
    where nb is not null and coalesce((select a.status from a where a.lo <= seg.b and a.hi >= seg.b order by a.id desc limit 1), 'EMPTY') = ${status})`;
}

function knownKeys(target: RrTarget): string {
  const keys = ["run_number", ...Object.keys(rrRunAttributes).map((k) => `rr_attributes.${k}`), ...Object.keys(omsRunAttributes).map((k) => `oms_attributes.${k}`), "triplet_summary.<workspace-column>.<STATUS>"];
  if (target === "datasets") keys.push("name", "dataset_attributes.<workspace>_state");
  return keys.join(", ");
}

/** The column and type an RR attribute name reads, or RrError naming the known ones. */
export function resolveAttribute(target: RrTarget, key: string): Resolved {
  if (key === "run_number") return { expr: sql.ref(target === "runs" ? "r.run_number" : "d.run_number"), type: "number" };
  if (target === "datasets" && (key === "name" || key === "dataset_name")) return { expr: sql.ref("d.name"), type: "string" };
  const dot = key.indexOf(".");
  const [prefix, rest] = dot < 0 ? [key, ""] : [key.slice(0, dot), key.slice(dot + 1)];
  const table = prefix === "rr_attributes" ? rrRunAttributes : prefix === "oms_attributes" ? omsRunAttributes : null;
  const attr = table && Object.hasOwn(table, rest) ? table[rest] : undefined;
  if (attr) return { expr: columnExpr(attr.column), type: attr.type };
  if (prefix === "triplet_summary") {
    const m = /^([a-z0-9]+-[a-z0-9_]+)\.(.+)$/.exec(rest);
    if (m && (rrStatuses as readonly string[]).includes(m[2]!)) return { expr: tripletCountExpr(target, m[1]!, m[2]!), type: "number" };
    throw new RrError(`filter attribute '${key}' is not triplet_summary.<workspace-column>.<STATUS> with STATUS one of ${rrStatuses.join(", ")}`);
  }
  if (prefix === "dataset_attributes" && target === "datasets") {
    const ws = workspaceOfStateKey(rest);
    if (ws) {
      const state = sql`coalesce((select cd.state from cert_dataset cd where cd.run_number = d.run_number and cd.dataset_name = d.name and cd.workspace = ${ws}), ${DATASET_STATE_NONE})`;
      return { expr: state, type: "string" };
    }
  }
  throw new RrError(`unknown filter attribute '${key.slice(0, 80)}'; known: ${knownKeys(target)}`);
}

function typed(key: string, type: AttributeType, v: Scalar): Scalar | Date {
  if (v === null) return null;
  switch (type) {
    case "number": {
      const n = typeof v === "number" ? v : typeof v === "string" && /^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(v) ? Number(v) : NaN;
      if (Number.isNaN(n)) throw new RrError(`filter on '${key}' compares numbers; ${JSON.stringify(v)} is not a number`);
      return n;
    }
    case "boolean":
      if (typeof v === "boolean") return v;
      if (v === "true" || v === "false") return v === "true";
      throw new RrError(`filter on '${key}' compares booleans; ${JSON.stringify(v)} is not true or false`);
    case "timestamp": {
      const d = typeof v === "string" ? new Date(v) : new Date(NaN);
      if (Number.isNaN(d.getTime())) throw new RrError(`filter on '${key}' compares times; ${JSON.stringify(v)} is not an ISO date`);
      return d;
    }
    case "string":
      if (typeof v !== "string") throw new RrError(`filter on '${key}' compares text; ${JSON.stringify(v)} is not a string`);
      return v;
  }
}

const sqlOps: Record<ComparisonOp, string> = { "=": "=", "<>": "<>", ">": ">", "<": "<", ">=": ">=", "<=": "<=", like: "ilike", notlike: "not ilike", LIKE: "like", NOTLIKE: "not like" };

function compileCmp(target: RrTarget, key: string, op: ComparisonOp, value: Scalar): RawBuilder<SqlBool> {
  const { expr, type } = resolveAttribute(target, key);
  const isLike = op.toLowerCase().includes("like");
  if (isLike && type !== "string") throw new RrError(`filter on '${key}': '${op}' needs a text attribute, and '${key}' is a ${type}`);
  const v = typed(key, type, value);
  if (v === null) {
    if (op === "=") return sql<SqlBool>`${expr} is null`;
    if (op === "<>") return sql<SqlBool>`${expr} is not null`;
    throw new RrError(`filter on '${key}': null only goes with '=' or '<>'`);
  }
  // Whole numbers bind as integers (indexes on integer columns stay usable); others as doubles.
  const param = typeof v === "number" && !Number.isInteger(v) ? sql`${v}::double precision` : sql`${v}`;
  return sql<SqlBool>`${expr} ${sql.raw(sqlOps[op])} ${param}`;
}

/** Triplet conditions each cost a subquery per run; a filter may hold this many. */
export const MAX_TRIPLET_CONDITIONS = 50;

function tripletConditions(node: FilterNode): number {
  return node.kind === "cmp" ? (node.key.startsWith("triplet_summary.") ? 1 : 0) : node.children.reduce((n, c) => n + tripletConditions(c), 0);
}

/** The WHERE condition of a filter over `target`; throws RrError for unknown attributes, operators or types. */
export function compileRrFilter(target: RrTarget, node: FilterNode): RawBuilder<SqlBool> {
  const triplets = tripletConditions(node);
  if (triplets > MAX_TRIPLET_CONDITIONS) throw new RrError(`filter has ${triplets} triplet_summary conditions; at most ${MAX_TRIPLET_CONDITIONS}`);
  return compileNode(target, node);
}

function compileNode(target: RrTarget, node: FilterNode): RawBuilder<SqlBool> {
  if (node.kind === "cmp") return compileCmp(target, node.key, node.op, node.value);
  if (node.children.length === 0) return node.kind === "and" ? sql<SqlBool>`true` : sql<SqlBool>`false`;
  if (node.children.length === 1) return compileNode(target, node.children[0]!);
  const parts = node.children.map((c) => compileNode(target, c));
  return sql<SqlBool>`(${sql.join(parts, sql.raw(node.kind === "and" ? " and " : " or "))})`;
}

export interface RrSorting {
  readonly expr: RawBuilder<unknown>;
  readonly desc: boolean;
}

/** RR's `sortings` ([[attribute, "ASC"|"DESC"], …]); RrError for anything else. */
export function compileSortings(target: RrTarget, sortings: unknown): RrSorting[] {
  if (sortings === undefined || sortings === null) return [];
  if (!Array.isArray(sortings)) throw new RrError("sortings is a list of [attribute, \"ASC\"|\"DESC\"]");
  if (sortings.length > 10) throw new RrError("at most 10 sortings");
  return sortings.map((s: unknown) => {
    if (!Array.isArray(s) || typeof s[0] !== "string" || (s[1] !== undefined && typeof s[1] !== "string")) throw new RrError(`a sorting is [attribute, "ASC"|"DESC"], not ${JSON.stringify(s)?.slice(0, 60)}`);
    const dir = String(s[1] ?? "ASC").toUpperCase();
    if (dir !== "ASC" && dir !== "DESC") throw new RrError(`sorting direction '${String(s[1]).slice(0, 20)}' is not ASC or DESC`);
    return { expr: resolveAttribute(target, s[0]).expr, desc: dir === "DESC" };
  });
}
