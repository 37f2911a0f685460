import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { computeMetric, parseMetricParams } from "./compute-metric";
import { hdqmMapper } from "./config/hdqm-mapping";
import { parsePyCall } from "./config/python-literal";
import { MetricError } from "./metric-error";
import type { MetricInputs } from "./metric-types";
import { fromJson, type HistogramJson } from "./test-histograms";

// HDQM's (value, error) for its 39 metric functions, computed independently in Python from
// HDQM's formulas and ROOT's definitions by scripts/vectors/hdqm_metrics_vectors.py, on
// histograms with empty bins, weights, under/overflow, profiles, 2D maps and variable bins.
const dir = new URL("./vectors/", import.meta.url);
const inputs = JSON.parse(readFileSync(new URL("hdqm-inputs.json", dir), "utf8")) as Record<string, HistogramJson>;
const vectors = JSON.parse(readFileSync(new URL("hdqm-expected.json", dir), "utf8")) as {
  expr: string;
  inputs: Record<string, string>;
  hdqm: [number, number];
  expected: [number, number] | null;
  difference?: string;
  rtol: number;
}[];
const compatibility = readFileSync(new URL("../../docs/hdqm-compatibility.md", import.meta.url), "utf8");

function histogram(name: string | undefined) {
  const json = name === undefined ? undefined : inputs[name];
  if (name !== undefined && !json) throw new Error(`missing input ${name}`);
  return json && fromJson(json);
}

/** Runs an HDQM expression the way a config entry is run: parsed, mapped, validated, computed. */
function runHdqm(expr: string, names: Record<string, string>) {
  const call = parsePyCall(expr);
  const mapper = hdqmMapper(call);
  if (!mapper) throw new Error(`${call.module}.${call.name} is not mapped`);
  const mapped = mapper();
  const parsed = parseMetricParams(mapped.function, mapped.params);
  if (!parsed.ok) throw new Error(parsed.issues.join("; "));
  const main = histogram(names.main);
  if (!main) throw new Error("no main histogram");
  const histo1 = histogram(names.histo1);
  const histo2 = histogram(names.histo2);
  const metricInputs: MetricInputs = { main, ...(histo1 ? { histo1 } : {}), ...(histo2 ? { histo2 } : {}) };
  return computeMetric({ function: mapped.function, params: parsed.params }, metricInputs);
}

function close(actual: number, want: number, rtol: number): void {
  expect(Math.abs(actual - want)).toBeLessThanOrEqual(rtol * Math.max(Math.abs(want), 1e-12));
}

const fn = (expr: string) => expr.slice(0, expr.indexOf("("));

describe("HDQM's numbers, function by function", () => {
  it("cover the 39 functions of HDQM's configuration", () => {
    expect(new Set(vectors.map((v) => fn(v.expr))).size).toBe(39);
  });

  it.each(vectors.map((v) => [`${v.expr} on ${Object.values(v.inputs).join(", ")}`, v] as const))("%s", (_label, v) => {
    if (v.expected === null) {
      // HDQM stored 0 ± 0 for a failed metric; dqmflow stores no point and says why.
      expect(v.hdqm).toEqual([0, 0]);
      expect(() => runHdqm(v.expr, v.inputs)).toThrow(MetricError);
      return;
    }
    const r = runHdqm(v.expr, v.inputs);
    close(r.value, v.expected[0], v.rtol);
    close(r.error, v.expected[1], Math.max(v.rtol, 1e-9) * 10);
  });

  it("list every intended difference in docs/hdqm-compatibility.md", () => {
    const differing = new Set(vectors.filter((v) => v.difference !== undefined || v.expected === null).map((v) => fn(v.expr)));
    const missing = [...differing].filter((f) => !compatibility.includes(`\`${f}\``));
    expect(missing).toEqual([]);
  });
});
