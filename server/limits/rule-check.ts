/**
 * What the golden-JSON workflow will do with a JSON-logic rule, checked when the rule is saved:
 * it must fit the workflow's input (Temporal payloads are limited to 2 MiB; the rule is kept far
 * below) and read only the facts the workflow provides (run.*, dataset.*, lumisection.*).
 */
import { MAX_RULE_BYTES } from "./limits";

const FACT_ROOTS = ["run", "dataset", "lumisection"];

/** Why the rule cannot be run by the workflow, or undefined. */
export function ruleProblem(logic: unknown): string | undefined {
  const bytes = Buffer.byteLength(JSON.stringify(logic) ?? "");
  if (bytes > MAX_RULE_BYTES) return `the rule is ${bytes} bytes as JSON; at most ${MAX_RULE_BYTES}`;
  const stack: unknown[] = [logic];
  while (stack.length > 0) {
    const o = stack.pop();
    if (typeof o !== "object" || o === null) continue;
    if (!Array.isArray(o) && "var" in o) {
      const v: unknown = o.var;
      const name: unknown = Array.isArray(v) ? (v as unknown[])[0] : v;
      if (typeof name !== "string" && typeof name !== "number") return `{"var": …} must name a fact, e.g. "lumisection.rr.tracker"`;
      const root = String(name).split(".")[0] ?? "";
      if (!FACT_ROOTS.includes(root)) return `the rule reads "${String(name).slice(0, 80)}"; a rule reads only ${FACT_ROOTS.map((r) => `${r}.*`).join(", ")}`;
    }
    for (const v of Object.values(o)) stack.push(v);
  }
  return undefined;
}
