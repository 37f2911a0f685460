import { tracked } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { runClasses } from "../../../db/tables/run.table";
import { stages } from "../../../db/tables/dataset.table";
import { certificationBoard, runCertificationDetail } from "../../certification/board.query";
import { boardFacets, pollBoardEvents } from "../../certification/board-events";
import { calibrationStatuses } from "../../certification/calibration";
import { calibrationBoard } from "../../certification/calibration-board";
import { comparisonPlot } from "../../certification/comparison-plot";
import { retryComparisons } from "../../certification/comparison-retry";
import { MIN_RETRY_REASON } from "../../certification/comparison-retry-rules";
import { setReferenceRun } from "../../certification/cert-run.repository";
import { editFlag, reopen, reportCalibration, requestReprocessing, setFrozen, signOff, startCertification, undoFlag } from "../../certification/certification.service";
import { flagStatuses, MIN_SIGNOFF_COMMENT } from "../../certification/flags";
import { runStates } from "../../certification/states";
import { shiftSummary } from "../../certification/shift-summary";
import { signoffPreview } from "../../certification/signoff-preview";
import { planBulkFlags, writeBulkFlags } from "../../certification/bulk-flags";
import { addCause, causeHistory, listCauses, MAX_CAUSE_CHARS, renameCause, retireCause } from "../../certification/flag-causes";
import { asTrpc } from "../../certification/trpc-errors";
import { boundedDate, boundedText, commentText, datasetName, int4, lumisection, nameText, pathText, runNumber, serialId, slug } from "../../limits/fields";
import { MAX_PAGE_ROWS } from "../../limits/limits";
import type { Context } from "../context";
import { procedureFor, router } from "../trpc";

const stage = z.enum(stages);
const requestId = boundedText(100, 8);
/** A bulk flag as the bulk form sends it (server/certification/bulk-flags.ts); LS null/null is all of each run. */
const bulkFlag = z.object({
  component: nameText,
  status: z.enum(flagStatuses),
  firstLs: lumisection.nullable(),
  lastLs: lumisection.nullable(),
  stage,
  cause: boundedText(MAX_CAUSE_CHARS + 10).default(""),
  comment: commentText.default(""),
  runs: boundedText(4000, 1),
});

function deps(ctx: Context) {
  return { db: ctx.services.db, temporal: () => ctx.services.temporal(), taskQueue: ctx.services.config.TEMPORAL_TASK_QUEUE };
}

export const certificationRouter = router({
  board: procedureFor("viewer")
    .input(
      z.object({
        stage: stage.optional(),
        certStatus: nameText.optional(),
        waitingForSignoff: z.boolean().optional(),
        runClass: nameText.optional(),
        state: z.enum(runStates).optional(),
        runFrom: runNumber.optional(),
        runTo: runNumber.optional(),
        startedFrom: boundedDate.optional(),
        startedBefore: boundedDate.optional(),
        limit: z.number().int().min(1).max(MAX_PAGE_ROWS).default(100),
        offset: int4(0).default(0),
      }),
    )
    .query(({ ctx, input }) => certificationBoard(ctx.services.db, input)),
  facets: procedureFor("viewer").query(({ ctx }) => boardFacets(ctx.services.db)),
  /** Live board over SSE: batches of new audit rows (each a change of some run), resumable by the last event id. */
  boardEvents: procedureFor("viewer")
    .input(z.object({ lastEventId: z.string().regex(/^\d{1,15}$/, { error: "an event id is a number of at most 15 digits" }).nullish() }).optional())
    .subscription(async function* ({ ctx, input, signal }) {
      const afterId = input?.lastEventId ? Number(input.lastEventId) : undefined;
      for await (const batch of pollBoardEvents(ctx.services.db, { ...(afterId !== undefined ? { afterId } : {}), ...(signal ? { signal } : {}) })) {
        yield tracked(String(batch.lastId), batch.events);
      }
    }),
  comparisonPlot: procedureFor("viewer")
    .input(z.object({ runNumber, dataset: pathText, stage, mePath: pathText, referenceRun: runNumber.nullable() }))
    .query(({ ctx, input }) => comparisonPlot(ctx.services.db, input)),
  calibrationBoard: procedureFor("viewer")
    .input(z.object({ released: z.boolean().optional(), limit: z.number().int().min(1).max(MAX_PAGE_ROWS).default(100) }))
    .query(({ ctx, input }) => calibrationBoard(ctx.services.db, input)),
  run: procedureFor("viewer")
    .input(z.object({ runNumber }))
    .query(({ ctx, input }) =>
      asTrpc(() => runCertificationDetail(ctx.services.db, () => ctx.services.temporal(), { url: ctx.services.config.TEMPORAL_UI_URL, namespace: ctx.services.config.TEMPORAL_NAMESPACE }, input.runNumber)),
    ),
  /** What signing off a stage signs (flags not GOOD, failed comparisons) and what blocks it. */
  signoffPreview: procedureFor("viewer")
    .input(z.object({ runNumber, stage }))
    .query(({ ctx, input }) => asTrpc(() => signoffPreview(ctx.services.db, input.runNumber, input.stage))),
  /** What a shift did (signed, revoked, flagged) and left, as text for the elog; the window is at most a week. */
  shiftSummary: procedureFor("viewer")
    .input(z.object({ hours: z.number().int().min(1, { error: "a shift summary covers at least 1 hour" }).max(168, { error: "a shift summary covers at most 168 hours (a week)" }).default(8) }))
    .query(({ ctx, input }) => shiftSummary(ctx.services.db, { since: new Date(Date.now() - input.hours * 3_600_000), until: new Date() })),
  start: procedureFor("shifter")
    .input(z.object({ runNumber }))
    .mutation(({ ctx, input }) => asTrpc(() => startCertification(deps(ctx), input.runNumber))),
  signOff: procedureFor("shifter")
    .input(z.object({ runNumber, stage, comment: commentText.pipe(z.string().trim().min(MIN_SIGNOFF_COMMENT, { error: `say what you checked (at least ${MIN_SIGNOFF_COMMENT} characters)` })), campaign: slug.optional() }))
    .mutation(({ ctx, input }) => asTrpc(() => signOff(deps(ctx), ctx.identity, input))),
  reopen: procedureFor("expert")
    .input(z.object({ runNumber, stage, reason: commentText.pipe(z.string().min(3, { error: "give a reason of at least 3 characters" })), campaign: slug.optional() }))
    .mutation(({ ctx, input }) => asTrpc(() => reopen(deps(ctx), ctx.identity, input))),
  /** Runs a comparison-failed stage's comparisons again (the workflow's validated update), audited with a retry number. */
  retryComparisons: procedureFor("shifter")
    .input(z.object({ runNumber, stage, reason: commentText.pipe(z.string().trim().min(MIN_RETRY_REASON, { error: `say what was fixed (at least ${MIN_RETRY_REASON} characters)` })), campaign: slug.optional() }))
    .mutation(({ ctx, input }) => asTrpc(() => retryComparisons(deps(ctx), ctx.identity, input))),
  editFlag: procedureFor("shifter")
    .input(
      z.object({
        runNumber,
        dataset: pathText,
        component: nameText.pipe(z.string().min(3, { error: "a component name has at least 3 characters" })),
        firstLs: lumisection,
        lastLs: lumisection,
        status: z.enum(flagStatuses),
        cause: boundedText(500).optional(),
        comment: commentText.default(""),
        requestId,
      }),
    )
    .mutation(({ ctx, input }) => asTrpc(() => editFlag(deps(ctx), ctx.identity, input))),
  undoFlag: procedureFor("shifter")
    .input(z.object({ runNumber, changeId: serialId, requestId }))
    .mutation(({ ctx, input }) => asTrpc(() => undoFlag(deps(ctx), ctx.identity, input))),
  setFrozen: procedureFor("expert")
    .input(z.object({ runNumber, dataset: pathText, frozen: z.boolean() }))
    .mutation(({ ctx, input }) => asTrpc(() => setFrozen(deps(ctx), ctx.identity, input))),
  reportCalibration: procedureFor("shifter")
    .input(z.object({ runNumber, workflow: nameText, status: z.enum(calibrationStatuses) }))
    .mutation(({ ctx, input }) => asTrpc(() => reportCalibration(deps(ctx), ctx.identity, input))),
  requestReprocessing: procedureFor("expert")
    .input(z.object({ runNumber, campaign: slug, dataset: datasetName }))
    .mutation(({ ctx, input }) => asTrpc(() => requestReprocessing(deps(ctx), input))),
  setReference: procedureFor("expert")
    .input(z.object({ runClass: z.enum(runClasses), referenceRun: runNumber }))
    .mutation(async ({ ctx, input }) => {
      // The reference is read by every later comparison of the class: it must be a run we have.
      const run = await ctx.services.db.selectFrom("run").select("run_class").where("run_number", "=", input.referenceRun).executeTakeFirst();
      if (!run) throw new TRPCError({ code: "NOT_FOUND", message: `referenceRun: no run ${input.referenceRun}` });
      await setReferenceRun(ctx.services.db, input.runClass, input.referenceRun, ctx.identity.user);
      return input;
    }),
  /** The standard causes per component (the flag forms' pick list); retired ones too for the editor. */
  causes: procedureFor("viewer")
    .input(z.object({ includeRetired: z.boolean().default(false) }).default({ includeRetired: false }))
    .query(async ({ ctx, input }) => ({ ...(await listCauses(ctx.services.db, input)), history: input.includeRetired ? await causeHistory(ctx.services.db) : [] })),
  addCause: procedureFor("expert")
    .input(z.object({ component: nameText, cause: boundedText(MAX_CAUSE_CHARS + 10, 1), requestId }))
    .mutation(({ ctx, input }) => asTrpc(() => addCause(ctx.services.db, ctx.identity, input))),
  /** A rename is a new entry; the old one is retired, so flags written with it keep their text. */
  renameCause: procedureFor("expert")
    .input(z.object({ id: serialId, cause: boundedText(MAX_CAUSE_CHARS + 10, 1), requestId }))
    .mutation(({ ctx, input }) => asTrpc(() => renameCause(ctx.services.db, ctx.identity, input))),
  retireCause: procedureFor("expert")
    .input(z.object({ id: serialId, requestId }))
    .mutation(({ ctx, input }) => asTrpc(() => retireCause(ctx.services.db, ctx.identity, input))),
  /** Which runs a bulk flag would write (and which LS), which it skips and why; writes nothing. */
  bulkFlagPreview: procedureFor("viewer")
    .input(bulkFlag)
    .query(({ ctx, input }) => asTrpc(() => planBulkFlags(ctx.services.db, input))),
  /** Writes a bulk flag in one transaction through the run page's flag path; a repeated requestId writes nothing twice. */
  bulkFlag: procedureFor("shifter")
    .input(bulkFlag.extend({ requestId }))
    .mutation(({ ctx, input }) => asTrpc(() => writeBulkFlags(deps(ctx), ctx.identity, input))),
});
