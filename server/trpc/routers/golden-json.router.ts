import { z } from "zod";
import { createRuleVersion, getGoldenJson, listGoldenJsons, listRules, setRuleLocked, tagGoldenJson } from "../../certification/golden-json/golden-json.repository";
import { goldenJsonProgress, startGoldenJson } from "../../certification/golden-json/golden-json.service";
import { asTrpc } from "../../certification/trpc-errors";
import { procedureFor, router } from "../trpc";

const ruleName = z.string().regex(/^[\w.-]{1,64}$/);

export const goldenJsonRouter = router({
  rules: procedureFor("viewer").query(({ ctx }) => listRules(ctx.services.db)),
  createRule: procedureFor("expert")
    .input(z.object({ name: ruleName, logic: z.record(z.string(), z.unknown()), datasetPattern: z.string().min(1) }))
    .mutation(({ ctx, input }) => asTrpc(() => createRuleVersion(ctx.services.db, { ...input, user: ctx.identity.user }))),
  lockRule: procedureFor("expert")
    .input(z.object({ name: ruleName, locked: z.boolean() }))
    .mutation(({ ctx, input }) => asTrpc(() => setRuleLocked(ctx.services.db, input.name, input.locked))),
  create: procedureFor("shifter")
    .input(
      z.object({
        ruleName,
        ruleVersion: z.number().int().positive().optional(),
        datasetPattern: z.string().min(1).optional(),
        runFrom: z.number().int().positive().optional(),
        runTo: z.number().int().positive().optional(),
        tag: z.string().regex(/^[\w.-]{1,64}$/).optional(),
        requestId: z.string().regex(/^[\w-]{8,64}$/),
      }),
    )
    .mutation(({ ctx, input }) => asTrpc(() => startGoldenJson({ db: ctx.services.db, temporal: () => ctx.services.temporal(), taskQueue: ctx.services.config.TEMPORAL_TASK_QUEUE }, ctx.identity.user, input))),
  progress: procedureFor("viewer")
    .input(z.object({ requestId: z.string().min(1) }))
    .query(({ ctx, input }) => asTrpc(() => goldenJsonProgress(() => ctx.services.temporal(), input.requestId))),
  list: procedureFor("viewer")
    .input(z.object({ official: z.boolean().optional(), limit: z.number().int().min(1).max(500).default(100) }))
    .query(({ ctx, input }) => listGoldenJsons(ctx.services.db, input)),
  get: procedureFor("viewer")
    .input(z.object({ id: z.number().int().positive() }))
    .query(({ ctx, input }) => asTrpc(() => getGoldenJson(ctx.services.db, input.id))),
  tag: procedureFor("expert")
    .input(z.object({ id: z.number().int().positive(), tag: z.string().regex(/^[\w.-]{1,64}$/).nullable().optional(), official: z.boolean().optional() }))
    .mutation(({ ctx, input }) => asTrpc(() => tagGoldenJson(ctx.services.db, input.id, { ...(input.tag !== undefined ? { tag: input.tag } : {}), ...(input.official !== undefined ? { official: input.official } : {}) }))),
});
