/**
 * One ad-hoc comparison from a plain request: the function the tRPC procedure and the CLI share.
 * The request is a test spec without its ME patterns; validation is the configuration schema's.
 */
import type { Histogram } from "../histograms/histogram";
import { testSpecSchema } from "./config/test-config";
import { runTest } from "./run-test";
import type { TestResult } from "./result";
import { failed } from "./result";

export interface CompareRequest {
  /** Test name and parameters, as in a configuration entry ({ test: "chi2", params: {...}, thresholds }). */
  readonly spec: Record<string, unknown>;
  readonly data: Histogram;
  readonly references?: readonly Histogram[];
}

export function compareOnce(req: CompareRequest): TestResult {
  const name = typeof req.spec.test === "string" ? req.spec.test : "test";
  const parsed = testSpecSchema.safeParse({ name, match: ["**"], ...req.spec });
  if (!parsed.success) return failed(name, "INVALID", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  return runTest(parsed.data, req.data, req.references ?? []);
}
