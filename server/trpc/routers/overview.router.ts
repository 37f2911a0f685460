import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { boundedArray, runNumber } from "../../limits/fields";
import { MAX_BATCH_ITEMS, MAX_PATH_CHARS } from "../../limits/limits";
import { ALARM_KEY_PATTERN } from "../../overview/alarm-key";
import { acknowledgeAlarms, UnknownAlarmError } from "../../overview/alarm-ack.repository";
import { overviewSummary } from "../../overview/overview.query";
import { linkBasesOf } from "../../hdqm/links";
import { runSheet } from "../../overview/run-sheet.query";
import { listShiftAlarms } from "../../overview/shift-alarms.query";
import { procedureFor, router } from "../trpc";

export const overviewRouter = router({
  summary: procedureFor("viewer")
    .input(z.object({ limit: z.number().int().min(1).max(200).default(20) }).default({ limit: 20 }))
    .query(({ ctx, input }) => overviewSummary(ctx.services.db, input)),
  /** Any known run's metadata, links and lumisection bits (the run page's sheet); 404 for an unknown run. */
  runSheet: procedureFor("viewer")
    .input(z.object({ runNumber }))
    .query(async ({ ctx, input }) => {
      const sheet = await runSheet(ctx.services.db, input.runNumber, linkBasesOf(ctx.services.config));
      if (!sheet) throw new TRPCError({ code: "NOT_FOUND", message: `unknown run ${input.runNumber}: neither its OMS metadata nor a DQM file has arrived in dqmflow` });
      return sheet;
    }),
  alarms: procedureFor("viewer")
    .input(
      z
        .object({
          runs: boundedArray(runNumber, 500).optional(),
          acknowledgedWithinHours: z.number().min(0).max(24 * 7).default(12),
          limit: z.number().int().min(1).max(500).default(200),
        })
        .default({ acknowledgedWithinHours: 12, limit: 200 }),
    )
    .query(({ ctx, input }) => listShiftAlarms(ctx.services.db, input)),
  acknowledge: procedureFor("shifter")
    .input(z.object({
        keys: boundedArray(z.string().max(MAX_PATH_CHARS + 40).regex(ALARM_KEY_PATTERN, "an alarm key looks like audit:<id> or comparison-error:<run>:<dataset>"), MAX_BATCH_ITEMS).min(1),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      try {
        return await acknowledgeAlarms(ctx.services.db, input.keys, ctx.identity.user);
      } catch (err) {
        if (err instanceof UnknownAlarmError) throw new TRPCError({ code: "NOT_FOUND", message: err.message, cause: err });
        throw err;
      }
    }),
});
