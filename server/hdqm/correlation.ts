/** Two or three metrics against each other, run by run, with a least-squares line per pair. */
import { z } from "zod";
import type { Db } from "../../db/pool";
import { linearRegression, type Regression } from "./regression";
import { resolveMetrics, selectRuns, seriesPoints, seriesScopeSchema } from "./trend-query";

export const correlationRequestSchema = seriesScopeSchema.extend({
  metrics: z.array(z.string().regex(/^[A-Za-z0-9_+-]+$/)).min(2).max(3),
});

export type CorrelationRequest = z.input<typeof correlationRequestSchema>;

export interface CorrelationResult {
  metrics: { name: string; yTitle: string }[];
  /** Runs where every metric has a point; values[k][i] is metric k at run i. */
  run: number[];
  values: number[][];
  /** For each pair (i < j): metric j regressed on metric i. */
  regressions: ({ x: string; y: string } & Regression)[];
}

export async function queryCorrelation(db: Db, request: CorrelationRequest): Promise<CorrelationResult> {
  const req = correlationRequestSchema.parse(request);
  const [metrics, runs] = await Promise.all([resolveMetrics(db, req.subsystem, req.metrics), selectRuns(db, req)]);
  const points = await seriesPoints(db, metrics.map((m) => m.id), req, runs);
  const maps = metrics.map((m) => {
    const p = points.get(m.id);
    return new Map(p ? p.run.map((r, i) => [r, p.value[i]!]) : []);
  });
  const run = runs.run.filter((r) => maps.every((m) => m.has(r)));
  const values = maps.map((m) => run.map((r) => m.get(r)!));
  const regressions: CorrelationResult["regressions"] = [];
  for (let i = 0; i < metrics.length; i++) {
    for (let j = i + 1; j < metrics.length; j++) {
      regressions.push({ x: metrics[i]!.name, y: metrics[j]!.name, ...linearRegression(values[i]!, values[j]!) });
    }
  }
  return { metrics: metrics.map((m) => ({ name: m.name, yTitle: m.y_title })), run, values, regressions };
}
