import type { z } from "zod";
import { MetricError } from "./metric-error";
import type { MetricDeps, MetricInputs, MetricResult } from "./metric-types";

export type ExtraInput = "histo1" | "histo2" | "reference";

/** A metric as the registry stores it: a params schema, the inputs it needs, and the function. */
export interface RegisteredMetric {
  readonly params: z.ZodType;
  readonly needs: readonly ExtraInput[];
  readonly description: string;
  /** Runs on already-validated params (config loading parsed them). */
  readonly run: (inputs: MetricInputs, params: unknown, deps: MetricDeps) => MetricResult;
}

interface Spec<S extends z.ZodType> {
  readonly params: S;
  readonly needs?: readonly ExtraInput[];
  readonly description: string;
  readonly compute: (inputs: Required<MetricInputs>, params: z.output<S>, deps: MetricDeps) => MetricResult;
}

/** Erases a metric's param type for the registry while keeping it checked where it is written. */
export function defineMetric<S extends z.ZodType>(spec: Spec<S>): RegisteredMetric {
  const needs = spec.needs ?? [];
  return {
    params: spec.params,
    needs,
    description: spec.description,
    run: (inputs, params, deps) => {
      for (const n of needs) if (!inputs[n]) throw new MetricError("missing-input", `the ${n} histogram was not found`);
      // Inputs not declared in `needs` are read only where compute checks them first (the HCAL
      // RBX metrics take histo1/histo2 as possibly undefined), so the cast only widens types.
      return spec.compute(inputs as Required<MetricInputs>, params as z.output<S>, deps);
    },
  };
}
