import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createRuleVersion, getGoldenJson, getRule, listGoldenJsons, listRules, setRuleLocked, tagGoldenJson } from "../../certification/golden-json/golden-json.repository";
import { goldenJsonProgress, startGoldenJson } from "../../certification/golden-json/golden-json.service";
import { compareGoldenJsons, compareRuleVersions } from "../../certification/golden-json/compare.repository";
import { describeUnknownVariables, unknownVariables } from "../../certification/golden-json/rule-variable-check";
import { knownRuleVariables } from "../../certification/golden-json/rule-variables";
import type { AppServices } from "../../app-services";
import { asTrpc } from "../../certification/trpc-errors";
import { boundedText, requestIdText, runNumber, serialId, slug } from "../../limits/fields";
import { MAX_PAGE_ROWS, MAX_PATH_CHARS } from "../../limits/limits";
import { ruleProblem } from "../../limits/rule-check";
import { procedureFor, router } from "../trpc";

const ruleName = slug;
/** A LIKE pattern over dataset names (% and _). */
const datasetPattern = boundedText(MAX_PATH_CHARS, 1);

const knownVariables = (services: AppServices): Promise<string[]> => knownRuleVariables(services.db, services.config.CERTIFICATION_CONFIG);

export const goldenJsonRouter = router({
  rules: procedureFor("viewer").query(({ ctx }) => listRules(ctx.services.db)),
  /** Variable names a rule can read, for the editor's suggestions. */
  variables: procedureFor("viewer").query(({ ctx }) => knownVariables(ctx.services)),
  createRule: procedureFor("expert")
    .input(z.object({ name: ruleName, logic: z.record(z.string(), z.unknown()), datasetPattern }))
    .mutation(async ({ ctx, input }) => {
      const problem = ruleProblem(input.logic);
      if (problem) throw new TRPCError({ code: "BAD_REQUEST", message: `logic: ${problem}` });
      // A misspelt variable reads nothing and silently rejects (or keeps) every lumisection: refused before saving.
      const unknown = unknownVariables(input.logic, await knownVariables(ctx.services));
      if (unknown.length) throw new TRPCError({ code: "BAD_REQUEST", message: `logic: ${describeUnknownVariables(unknown)}` });
      return asTrpc(() => createRuleVersion(ctx.services.db, { ...input, user: ctx.identity.user }));
    }),
  /** Two versions of a rule set, line by line. */
  ruleDiff: procedureFor("viewer")
    .input(z.object({ name: ruleName, fromVersion: serialId, toVersion: serialId }))
    .query(({ ctx, input }) => asTrpc(() => compareRuleVersions(ctx.services.db, input.name, input.fromVersion, input.toVersion))),
  /** What one stored golden JSON gained and lost against another: runs, lumisections, luminosity. */
  diff: procedureFor("viewer")
    .input(z.object({ fromId: serialId, toId: serialId }))
    .query(({ ctx, input }) => asTrpc(() => compareGoldenJsons(ctx.services.db, input.fromId, input.toId))),
  lockRule: procedureFor("expert")
    .input(z.object({ name: ruleName, locked: z.boolean() }))
    .mutation(({ ctx, input }) => asTrpc(() => setRuleLocked(ctx.services.db, input.name, input.locked))),
  create: procedureFor("shifter")
    .input(
      z.object({
        ruleName,
        ruleVersion: serialId.optional(),
        datasetPattern: datasetPattern.optional(),
        runFrom: runNumber.optional(),
        runTo: runNumber.optional(),
        tag: slug.optional(),
        requestId: requestIdText,
      })
      .refine((r) => r.runFrom === undefined || r.runTo === undefined || r.runFrom <= r.runTo, { path: ["runTo"], error: "runTo must not be before runFrom" }),
    )
    .mutation(({ ctx, input }) =>
      asTrpc(async () => {
        // A rule saved before rules were checked could make the workflow fail on every dataset: refuse it here.
        const rule = await getRule(ctx.services.db, input.ruleName, input.ruleVersion);
        const problem = ruleProblem(rule.logic);
        if (problem) throw new TRPCError({ code: "PRECONDITION_FAILED", message: `rule ${rule.name} v${rule.version}: ${problem}; save a new version` });
        return startGoldenJson({ db: ctx.services.db, temporal: () => ctx.services.temporal(), taskQueue: ctx.services.config.TEMPORAL_TASK_QUEUE }, ctx.identity.user, input);
      }),
    ),
  progress: procedureFor("viewer")
    .input(z.object({ requestId: requestIdText }))
    .query(({ ctx, input }) => asTrpc(() => goldenJsonProgress(() => ctx.services.temporal(), input.requestId))),
  list: procedureFor("viewer")
    .input(z.object({ official: z.boolean().optional(), limit: z.number().int().min(1).max(MAX_PAGE_ROWS).default(100) }))
    .query(({ ctx, input }) => listGoldenJsons(ctx.services.db, input)),
  get: procedureFor("viewer")
    .input(z.object({ id: serialId }))
    .query(({ ctx, input }) => asTrpc(() => getGoldenJson(ctx.services.db, input.id))),
  tag: procedureFor("expert")
    .input(z.object({ id: serialId, tag: slug.nullable().optional(), official: z.boolean().optional() }))
    .mutation(({ ctx, input }) => asTrpc(() => tagGoldenJson(ctx.services.db, input.id, { ...(input.tag !== undefined ? { tag: input.tag } : {}), ...(input.official !== undefined ? { official: input.official } : {}) }))),
});
