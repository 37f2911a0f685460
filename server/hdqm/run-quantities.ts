/** Run metadata (OMS quantities) as trends of their own, over the same run selection as metrics. */
import { z } from "zod";
import type { Db } from "../../db/pool";
import { selectRuns, seriesScopeSchema, type TrendRuns } from "./trend-query";
import { runAxis, xAxes } from "./x-axis";

export const runQuantities = ["recordedLumi", "deliveredLumi", "durationS", "fill", "certifiedFraction"] as const;
export type RunQuantity = (typeof runQuantities)[number];

const titles: Record<RunQuantity, string> = {
  recordedLumi: "Recorded luminosity [/pb]",
  deliveredLumi: "Delivered luminosity [/pb]",
  durationS: "Run duration [s]",
  fill: "LHC fill",
  certifiedFraction: "Certified fraction of lumisections",
};

export const runQuantityRequestSchema = seriesScopeSchema.omit({ subsystem: true }).extend({
  quantity: z.enum(runQuantities),
  xAxis: z.enum(xAxes).default("run"),
});

export type RunQuantityRequest = z.input<typeof runQuantityRequestSchema>;

function column(runs: TrendRuns, q: RunQuantity): (number | null)[] {
  if (q === "certifiedFraction") return runs.certifiedFraction ?? runs.run.map(() => 1);
  return runs[q];
}

export async function queryRunQuantity(db: Db, request: RunQuantityRequest) {
  const req = runQuantityRequestSchema.parse(request);
  const runs = await selectRuns(db, { ...req, subsystem: "" });
  const axis = runAxis(req.xAxis, { run: runs.run, startTime: runs.startTime, fill: runs.fill, durationS: runs.durationS, lumi: runs.certifiedLumi ?? runs.deliveredLumi });
  return { quantity: req.quantity, yTitle: titles[req.quantity], xAxis: req.xAxis, run: runs.run, x: axis.x, width: axis.width, value: column(runs, req.quantity) };
}
