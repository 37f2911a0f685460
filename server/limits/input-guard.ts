/**
 * The first look at every API input, before its schema: a walk over the raw JSON that refuses
 * what no field should ever carry — NUL and lone surrogates in any string or key, arrays and
 * objects past their size, nesting past its depth. Schemas then bound each field precisely; this
 * walk makes sure a field a schema leaves open (a JSON-logic rule, a histogram) is bounded too.
 */
import { MAX_CELLS_PER_HISTOGRAM, MAX_DEPTH } from "./limits";

/** A histogram's cells may come as a plain JSON array; fields with lists bound theirs far lower. */
const MAX_RAW_ITEMS = MAX_CELLS_PER_HISTOGRAM + 2;
import { badCharacters } from "./text";

export interface InputProblem {
  /** Where, as `a.b[3].c` (empty for the input itself). */
  readonly path: string;
  readonly message: string;
}

function at(path: string, key: string | number): string {
  return typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

/** The first problem found in `value`, or undefined. Iterative, so a deep input cannot overflow the stack. */
export function inputProblem(value: unknown): InputProblem | undefined {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: "", depth: 0 }];
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === "string") {
      const bad = badCharacters(v);
      if (bad) return { path, message: bad };
      continue;
    }
    if (typeof v !== "object" || v === null) continue;
    if (depth >= MAX_DEPTH) return { path, message: `nests deeper than ${MAX_DEPTH} levels` };
    if (Array.isArray(v)) {
      if (v.length > MAX_RAW_ITEMS) return { path, message: `has ${v.length} items; at most ${MAX_RAW_ITEMS} are accepted` };
      v.forEach((item, i) => stack.push({ v: item, path: at(path, i), depth: depth + 1 }));
      continue;
    }
    const keys = Object.keys(v);
    if (keys.length > MAX_RAW_ITEMS) return { path, message: `has ${keys.length} keys; at most ${MAX_RAW_ITEMS} are accepted` };
    for (const k of keys) {
      const bad = badCharacters(k);
      if (bad) return { path: at(path, k.slice(0, 40)), message: `key ${bad}` };
      stack.push({ v: (v as Record<string, unknown>)[k], path: at(path, k), depth: depth + 1 });
    }
  }
  return undefined;
}
