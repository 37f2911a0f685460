import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { goldenJsonSchema } from "../../hdqm/golden-json";
import { boundedText } from "../../limits/fields";
import { goldenSelection, storeGoldenSelection } from "../../selections/stored-selection";
import { procedureFor, router } from "../trpc";

/** Selections kept server-side so a view's URL stays short (server/selections). */
export const selectionsRouter = router({
  storeGolden: procedureFor("viewer")
    .input(z.object({ json: goldenJsonSchema }))
    .mutation(({ ctx, input }) => storeGoldenSelection(ctx.services.db, input.json, ctx.identity.user)),
  golden: procedureFor("viewer")
    .input(z.object({ code: boundedText(64) }))
    .query(async ({ ctx, input }) => {
      const json = await goldenSelection(ctx.services.db, input.code);
      if (!json) throw new TRPCError({ code: "NOT_FOUND", message: `no stored golden JSON '${input.code}': the link may come from another dqmflow` });
      return json;
    }),
});
