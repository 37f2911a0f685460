import { tracked } from "@trpc/server";
import { z } from "zod";
import { stages } from "../../../db/tables/dataset.table";
import { certificationBoard, runCertificationDetail } from "../../certification/board.query";
import { boardFacets, pollBoardEvents } from "../../certification/board-events";
import { calibrationStatuses } from "../../certification/calibration";
import { calibrationBoard } from "../../certification/calibration-board";
import { comparisonPlot } from "../../certification/comparison-plot";
import { setReferenceRun } from "../../certification/cert-run.repository";
import { editFlag, reopen, reportCalibration, requestReprocessing, setFrozen, signOff, startCertification, undoFlag } from "../../certification/certification.service";
import { flagStatuses } from "../../certification/flags";
import { runStates } from "../../certification/states";
import { asTrpc } from "../../certification/trpc-errors";
import type { Context } from "../context";
import { procedureFor, router } from "../trpc";

const runNumber = z.number().int().positive();
const stage = z.enum(stages);
const requestId = z.string().min(8).max(100);

function deps(ctx: Context) {
  return { db: ctx.services.db, temporal: () => ctx.services.temporal(), taskQueue: ctx.services.config.TEMPORAL_TASK_QUEUE };
}

export const certificationRouter = router({
  board: procedureFor("viewer")
    .input(
      z.object({
        stage: stage.optional(),
        certStatus: z.string().optional(),
        runClass: z.string().optional(),
        state: z.enum(runStates).optional(),
        runFrom: runNumber.optional(),
        runTo: runNumber.optional(),
        startedFrom: z.coerce.date().optional(),
        startedBefore: z.coerce.date().optional(),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      }),
    )
    .query(({ ctx, input }) => certificationBoard(ctx.services.db, input)),
  facets: procedureFor("viewer").query(({ ctx }) => boardFacets(ctx.services.db)),
  /** Live board over SSE: batches of new audit rows (each a change of some run), resumable by the last event id. */
  boardEvents: procedureFor("viewer")
    .input(z.object({ lastEventId: z.string().regex(/^\d+$/).nullish() }).optional())
    .subscription(async function* ({ ctx, input, signal }) {
      const afterId = input?.lastEventId ? Number(input.lastEventId) : undefined;
      for await (const batch of pollBoardEvents(ctx.services.db, { ...(afterId !== undefined ? { afterId } : {}), ...(signal ? { signal } : {}) })) {
        yield tracked(String(batch.lastId), batch.events);
      }
    }),
  comparisonPlot: procedureFor("viewer")
    .input(z.object({ runNumber, dataset: z.string().min(1), stage, mePath: z.string().min(1), referenceRun: runNumber.nullable() }))
    .query(({ ctx, input }) => comparisonPlot(ctx.services.db, input)),
  calibrationBoard: procedureFor("viewer")
    .input(z.object({ released: z.boolean().optional(), limit: z.number().int().min(1).max(500).default(100) }))
    .query(({ ctx, input }) => calibrationBoard(ctx.services.db, input)),
  run: procedureFor("viewer")
    .input(z.object({ runNumber }))
    .query(({ ctx, input }) =>
      asTrpc(() => runCertificationDetail(ctx.services.db, () => ctx.services.temporal(), { url: ctx.services.config.TEMPORAL_UI_URL, namespace: ctx.services.config.TEMPORAL_NAMESPACE }, input.runNumber)),
    ),
  start: procedureFor("shifter")
    .input(z.object({ runNumber }))
    .mutation(({ ctx, input }) => asTrpc(() => startCertification(deps(ctx), input.runNumber))),
  signOff: procedureFor("shifter")
    .input(z.object({ runNumber, stage, comment: z.string().max(2000).default(""), campaign: z.string().min(1).optional() }))
    .mutation(({ ctx, input }) => asTrpc(() => signOff(deps(ctx), ctx.identity, input))),
  reopen: procedureFor("expert")
    .input(z.object({ runNumber, stage, reason: z.string().min(3).max(2000), campaign: z.string().min(1).optional() }))
    .mutation(({ ctx, input }) => asTrpc(() => reopen(deps(ctx), ctx.identity, input))),
  editFlag: procedureFor("shifter")
    .input(
      z.object({
        runNumber,
        dataset: z.string().min(1),
        component: z.string().min(3),
        firstLs: z.number().int().min(1),
        lastLs: z.number().int().min(1),
        status: z.enum(flagStatuses),
        cause: z.string().max(500).optional(),
        comment: z.string().max(2000).default(""),
        requestId,
      }),
    )
    .mutation(({ ctx, input }) => asTrpc(() => editFlag(deps(ctx), ctx.identity, input))),
  undoFlag: procedureFor("shifter")
    .input(z.object({ runNumber, changeId: z.number().int().positive(), requestId }))
    .mutation(({ ctx, input }) => asTrpc(() => undoFlag(deps(ctx), ctx.identity, input))),
  setFrozen: procedureFor("expert")
    .input(z.object({ runNumber, dataset: z.string().min(1), frozen: z.boolean() }))
    .mutation(({ ctx, input }) => asTrpc(() => setFrozen(deps(ctx), ctx.identity, input))),
  reportCalibration: procedureFor("shifter")
    .input(z.object({ runNumber, workflow: z.string().min(1), status: z.enum(calibrationStatuses) }))
    .mutation(({ ctx, input }) => asTrpc(() => reportCalibration(deps(ctx), ctx.identity, input))),
  requestReprocessing: procedureFor("expert")
    .input(z.object({ runNumber, campaign: z.string().regex(/^[\w.-]{1,64}$/), dataset: z.string().min(1) }))
    .mutation(({ ctx, input }) => asTrpc(() => requestReprocessing(deps(ctx), input))),
  setReference: procedureFor("expert")
    .input(z.object({ runClass: z.string().min(1), referenceRun: runNumber }))
    .mutation(async ({ ctx, input }) => {
      await setReferenceRun(ctx.services.db, input.runClass, input.referenceRun, ctx.identity.user);
      return input;
    }),
});
