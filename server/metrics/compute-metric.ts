import { MetricError } from "./metric-error";
import type { MetricDeps, MetricInputs, MetricResult } from "./metric-types";
import { metricRegistry } from "./registry";

/** The part of a metric config entry that says what to compute. */
export interface MetricCall {
  readonly function: string;
  /** Params as validated by the registry's schema (loadMetricConfigs does this). */
  readonly params: unknown;
}

/**
 * Computes one metric. Throws MetricError for anything about the data (wrong dimension, empty,
 * failed fit, missing extra histogram); other exceptions are bugs.
 */
export function computeMetric(call: MetricCall, inputs: MetricInputs, deps: MetricDeps = {}): MetricResult {
  const metric = metricRegistry[call.function];
  if (!metric) throw new MetricError("bad-parameter", `unknown metric function '${call.function}'`);
  const result = metric.run(inputs, call.params, deps);
  if (!Number.isFinite(result.value) || !Number.isFinite(result.error)) {
    throw new MetricError("not-computable", `${call.function} gave a non-finite result`);
  }
  return result;
}

/** Validates params against a metric's schema; returns the parsed params or the zod issues. */
export function parseMetricParams(fn: string, params: unknown): { ok: true; params: unknown } | { ok: false; issues: string[] } {
  const metric = metricRegistry[fn];
  if (!metric) return { ok: false, issues: [`unknown metric function '${fn}' (known: ${Object.keys(metricRegistry).join(", ")})`] };
  const parsed = metric.params.safeParse(params ?? {});
  if (parsed.success) return { ok: true, params: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((i) => `params${i.path.length ? "." + i.path.join(".") : ""}: ${i.message}`) };
}
