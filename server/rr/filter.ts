/**
 * Run Registry's filter grammar (RUNREGISTRY-API.md §4.3b), parsed into a small tree with
 * limits, before any SQL is built:
 *   Filter := { Key: Cond, …, "and": [Filter…], "or": [Filter…] }     sibling keys are AND-ed
 *   Cond   := scalar | [scalar…] | { Op: scalar | [Cond…], … }       several ops are AND-ed
 * Depth, size and string length are bounded so a hostile filter is refused, not evaluated.
 */
import { RrError } from "./errors";

export const comparisonOps = ["=", "<>", ">", "<", ">=", "<=", "like", "notlike", "LIKE", "NOTLIKE"] as const;
export type ComparisonOp = (typeof comparisonOps)[number];
export type Scalar = string | number | boolean | null;

export type FilterNode =
  | { readonly kind: "and" | "or"; readonly children: readonly FilterNode[] }
  | { readonly kind: "cmp"; readonly key: string; readonly op: ComparisonOp; readonly value: Scalar };

export const FILTER_LIMITS = { depth: 32, nodes: 5_000, stringLength: 1_000 } as const;

interface State {
  nodes: number;
}

function isScalar(v: unknown): v is Scalar {
  return v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

function describe(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

function logical(k: string): "and" | "or" | null {
  const l = k.toLowerCase();
  return l === "and" || l === "or" ? l : null;
}

function count(st: State, depth: number): void {
  if (depth > FILTER_LIMITS.depth) throw new RrError(`filter is nested deeper than ${FILTER_LIMITS.depth} levels`);
  if (++st.nodes > FILTER_LIMITS.nodes) throw new RrError(`filter has more than ${FILTER_LIMITS.nodes} conditions`);
}

function scalar(key: string, op: string, v: unknown): Scalar {
  if (!isScalar(v)) throw new RrError(`filter on '${key}': operator '${op}' needs a string, number, boolean or null, not ${describe(v)}`);
  if (typeof v === "string" && v.length > FILTER_LIMITS.stringLength) throw new RrError(`filter on '${key}': a value is longer than ${FILTER_LIMITS.stringLength} characters`);
  if (typeof v === "number" && !Number.isFinite(v)) throw new RrError(`filter on '${key}': ${v} is not a finite number`);
  return v;
}

function parseCond(key: string, v: unknown, depth: number, st: State): FilterNode {
  count(st, depth);
  if (Array.isArray(v)) return { kind: "or", children: v.map((x) => parseCond(key, x, depth + 1, st)) };
  if (v === null || typeof v !== "object") return { kind: "cmp", key, op: "=", value: scalar(key, "=", v) };
  const parts: FilterNode[] = [];
  for (const [op, val] of Object.entries(v)) {
    const l = logical(op);
    if (l) {
      if (!Array.isArray(val)) throw new RrError(`filter on '${key}': '${op}' needs a list of conditions, not ${describe(val)}`);
      parts.push({ kind: l, children: val.map((x) => parseCond(key, x, depth + 1, st)) });
    } else if ((comparisonOps as readonly string[]).includes(op)) {
      count(st, depth + 1);
      parts.push({ kind: "cmp", key, op: op as ComparisonOp, value: scalar(key, op, val) });
    } else {
      throw new RrError(`filter on '${key}': unknown operator '${op.slice(0, 40)}'; known: ${[...comparisonOps, "and", "or"].join(", ")}`);
    }
  }
  if (parts.length === 0) throw new RrError(`filter on '${key}' has no condition`);
  return parts.length === 1 ? parts[0]! : { kind: "and", children: parts };
}

function parseFilter(f: unknown, depth: number, st: State): FilterNode {
  count(st, depth);
  if (f === null || typeof f !== "object" || Array.isArray(f)) throw new RrError(`a filter is an object of attribute: condition, not ${describe(f)}`);
  const parts: FilterNode[] = [];
  for (const [k, v] of Object.entries(f)) {
    const l = logical(k);
    if (l) {
      if (!Array.isArray(v)) throw new RrError(`filter '${k}' needs a list of filters, not ${describe(v)}`);
      parts.push({ kind: l, children: v.map((x) => parseFilter(x, depth + 1, st)) });
    } else {
      if (k.length > 200) throw new RrError(`filter attribute name is longer than 200 characters`);
      parts.push(parseCond(k, v, depth + 1, st));
    }
  }
  return { kind: "and", children: parts };
}

/** Parses a request's `filter` (absent: everything); throws RrError naming what is wrong. */
export function parseRrFilter(filter: unknown): FilterNode {
  if (filter === undefined || filter === null) return { kind: "and", children: [] };
  return parseFilter(filter, 0, { nodes: 0 });
}
