/**
 * Checking a golden-JSON rule's variable names (`{"var": "lumisection.rr.tracker-pixel"}`) against
 * the names the facts of `datasetFacts` (golden-json.repository.ts) have. Pure, so the editor in
 * the browser and the API refuse the same names with the same words; the names of the data come
 * from rule-variables.ts.
 */
import { editDistance } from "../../text/edit-distance";

/** Names whose value is always there, as datasetFacts writes them. */
export const FIXED_RULE_VARIABLES = [
  "run.run_number",
  "run.run_class",
  ...["energy", "b_field", "fill_number", "recorded_lumi", "delivered_lumi", "hlt_key", "l1_key", "duration", "ls_count"].map((k) => `run.oms.${k}`),
  ...["name", "stage", "primary_dataset", "processing_string"].map((k) => `dataset.${k}`),
  "lumisection.ls_number",
  ...["beam1_stable", "beam2_stable", "recorded_lumi", "delivered_lumi"].map((k) => `lumisection.oms.${k}`),
] as const;

/** Every name a rule can read: the fixed ones, `lumisection.rr.<component>` and `lumisection.oms.<DCS bit>`. */
export function ruleVariableNames(components: Iterable<string>, dcsBits: Iterable<string>): string[] {
  const names = new Set<string>(FIXED_RULE_VARIABLES);
  for (const c of components) names.add(`lumisection.rr.${c}`);
  for (const d of dcsBits) names.add(`lumisection.oms.${d}`);
  return [...names].sort();
}

/** Operators whose later arguments read each element of a list, where `var` names the element's fields. */
const ELEMENT_SCOPE = new Set(["map", "filter", "reduce", "all", "some", "none"]);

/** The variable names a JSON-logic rule reads (outside the element scope of map/filter/…), each once. */
export function variablesOf(logic: unknown): string[] {
  const out = new Set<string>();
  const walk = (o: unknown): void => {
    if (Array.isArray(o)) return o.forEach(walk);
    if (typeof o !== "object" || o === null) return;
    for (const [op, args] of Object.entries(o)) {
      if (op === "var") {
        const name: unknown = Array.isArray(args) ? (args as unknown[])[0] : args;
        if (typeof name === "string" && name !== "") out.add(name);
        if (Array.isArray(args)) (args as unknown[]).slice(1).forEach(walk);
        continue;
      }
      if (ELEMENT_SCOPE.has(op) && Array.isArray(args)) {
        walk(args[0]);
        continue;
      }
      walk(args);
    }
  };
  walk(logic);
  return [...out];
}

export interface UnknownVariable {
  name: string;
  /** Known names close to it (a few edits away or sharing its last part). */
  suggestions: string[];
}

/** The names a rule reads that no lumisection has (a known name's prefix, e.g. `lumisection.rr`, is an object and fine). */
export function unknownVariables(logic: unknown, known: readonly string[]): UnknownVariable[] {
  const knownSet = new Set(known);
  const isPrefix = (name: string) => known.some((k) => k.startsWith(`${name}.`));
  return variablesOf(logic)
    .filter((name) => !knownSet.has(name) && !isPrefix(name))
    .map((name) => {
      const last = name.split(".").pop() ?? name;
      const suggestions = known
        .map((k) => ({ k, d: editDistance(name, k) }))
        .filter(({ k, d }) => d <= Math.max(2, Math.floor(name.length / 6)) || k.endsWith(`.${last}`))
        .sort((x, y) => x.d - y.d)
        .slice(0, 3)
        .map(({ k }) => k);
      return { name, suggestions };
    });
}

/** One sentence naming every unknown variable and what was probably meant. */
export function describeUnknownVariables(unknown: readonly UnknownVariable[]): string {
  return unknown.map((u) => `unknown variable "${u.name}"${u.suggestions.length ? ` (did you mean ${u.suggestions.map((s) => `"${s}"`).join(" or ")}?)` : ""}`).join("; ");
}
