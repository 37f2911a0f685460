/** HDQM trends: the selection tree, series, correlations, run quantities, point details, CSV, alarms. */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { listAlarms, staleMetrics } from "../../hdqm/alarms";
import { correlationRequestSchema, queryCorrelation } from "../../hdqm/correlation";
import { trendToCsv } from "../../hdqm/csv-export";
import { linkBasesOf } from "../../hdqm/links";
import { pointDetails, pointDetailsRequestSchema } from "../../hdqm/point-details";
import { queryRunQuantity, runQuantityRequestSchema } from "../../hdqm/run-quantities";
import { selectionTree } from "../../hdqm/selection-tree";
import { queryTrendColumns, trendColumnsRequestSchema } from "../../hdqm/trend-columns";
import { queryTrend, TrendQueryError, trendCsvRequestSchema, trendRequestSchema } from "../../hdqm/trend-query";
import { seriesLabel } from "../../hdqm/series-label";
import { boundedArray, nameText, runNumber } from "../../limits/fields";
import { withinColumns } from "../../limits/columns";
import { procedureFor, router } from "../trpc";

// HDQM's request schemas, with every run number and string held to its column.
const trendInput = trendRequestSchema.superRefine(withinColumns);
const csvInput = trendCsvRequestSchema.superRefine(withinColumns);
const columnsInput = trendColumnsRequestSchema.superRefine(withinColumns);
const correlationInput = correlationRequestSchema.superRefine(withinColumns);
const runQuantityInput = runQuantityRequestSchema.superRefine(withinColumns);
const pointDetailsInput = pointDetailsRequestSchema.superRefine(withinColumns);

/** Domain errors about the request become BAD_REQUEST/NOT_FOUND; anything else stays a 500. */
async function asApi<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    if (err instanceof TrendQueryError) throw new TRPCError({ code: /unknown|has no/.test(err.message) ? "NOT_FOUND" : "BAD_REQUEST", message: err.message });
    throw err;
  }
}

export const trendsRouter = router({
  tree: procedureFor("viewer").query(({ ctx }) => ctx.services.trendCache.get("tree", null, () => selectionTree(ctx.services.db))),
  /** The trend as columns: runs once, x once, value and error arrays aligned with the runs, run fields as asked. */
  columns: procedureFor("viewer")
    .input(columnsInput)
    .query(({ ctx, input }) => asApi(() => ctx.services.trendCache.get("columns", input, () => queryTrendColumns(ctx.services.db, input)))),
  /** Deprecated (use `columns`; kept for one version): every series repeats its runs and x, and every run field comes along. */
  series: procedureFor("viewer")
    .input(trendInput)
    .query(({ ctx, input }) => asApi(() => ctx.services.trendCache.get("series", input, () => queryTrend(ctx.services.db, input)))),
  correlation: procedureFor("viewer")
    .input(correlationInput)
    .query(({ ctx, input }) => asApi(() => ctx.services.trendCache.get("correlation", input, () => queryCorrelation(ctx.services.db, input)))),
  runQuantity: procedureFor("viewer")
    .input(runQuantityInput)
    .query(({ ctx, input }) => asApi(() => ctx.services.trendCache.get("runQuantity", input, () => queryRunQuantity(ctx.services.db, input)))),
  pointDetails: procedureFor("viewer")
    .input(pointDetailsInput)
    .query(({ ctx, input }) => asApi(() => pointDetails(ctx.services.db, input, linkBasesOf(ctx.services.config)))),
  /** The trend as CSV, one line per run; with `overlays`, their columns too (named as the chart's legend names them). */
  csv: procedureFor("viewer")
    .input(csvInput)
    .query(({ ctx, input }) =>
      asApi(async () => {
        const { overlays, ...main } = input;
        const trend = (req: typeof main) => ctx.services.trendCache.get("series", req, () => queryTrend(ctx.services.db, req));
        const [t, ...drawn] = await Promise.all([
          trend(main),
          ...overlays.map(({ metric, ...scope }) => trend({ ...scope, metrics: [metric], xAxis: main.xAxis })),
        ]);
        const label = (o: (typeof overlays)[number]) => seriesLabel(o.subsystem, o.metric, o.primaryDataset !== main.primaryDataset || o.processingString !== main.processingString ? o : null);
        return { filename: `hdqm-${input.subsystem}-${input.metrics.join("+")}.csv`, csv: trendToCsv(t, overlays.map((o, i) => ({ label: label(o), trend: drawn[i]! }))) };
      }),
    ),
  alarms: procedureFor("viewer")
    .input(z.object({ limit: z.number().int().min(1).max(1000).default(100), runs: boundedArray(runNumber, 1000).optional(), subsystem: nameText.optional() }).default({ limit: 100 }))
    .query(({ ctx, input }) => listAlarms(ctx.services.db, input)),
  staleMetrics: procedureFor("viewer")
    .input(z.object({ recent: z.number().int().min(1).max(100).default(5), window: z.number().int().min(1).max(1000).default(50) }).default({ recent: 5, window: 50 }))
    .query(({ ctx, input }) => staleMetrics(ctx.services.db, input)),
});
