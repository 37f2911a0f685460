import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { computeMetric, parseMetricParams } from "./compute-metric";
import { fromJson, type HistogramJson } from "./test-histograms";

// Expected values computed independently with numpy/scipy by scripts/vectors/metrics_vectors.py.
const dir = new URL("./vectors/", import.meta.url);
const inputs = JSON.parse(readFileSync(new URL("metrics-inputs.json", dir), "utf8")) as Record<string, HistogramJson>;
const expected = JSON.parse(readFileSync(new URL("metrics-expected.json", dir), "utf8")) as {
  histogram: string;
  function: string;
  params: unknown;
  value: number;
  error: number;
  rtol: number;
}[];

function close(actual: number, want: number, rtol: number): void {
  expect(Math.abs(actual - want)).toBeLessThanOrEqual(rtol * Math.max(Math.abs(want), 1e-12));
}

describe("metrics against scipy vectors", () => {
  it.each(expected.map((e) => [`${e.function} ${JSON.stringify(e.params)} on ${e.histogram}`, e] as const))("%s", (_label, e) => {
    const json = inputs[e.histogram];
    if (!json) throw new Error(`missing input ${e.histogram}`);
    const parsed = parseMetricParams(e.function, e.params);
    if (!parsed.ok) throw new Error(parsed.issues.join("; "));
    const r = computeMetric({ function: e.function, params: parsed.params }, { main: fromJson(json) });
    close(r.value, e.value, e.rtol);
    close(r.error, e.error, Math.max(e.rtol, 1e-9) * 10);
  });
});
