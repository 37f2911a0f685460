import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { boundedText } from "../../limits/fields";
import { createShortLink, resolveShortLink, ShortLinkError } from "../../links/short-link";
import { procedureFor, router } from "../trpc";

export const linksRouter = router({
  create: procedureFor("viewer")
    .input(z.object({ path: boundedText(4000, 1) }))
    .mutation(async ({ ctx, input }) => {
      try {
        const code = await createShortLink(ctx.services.db, input.path, ctx.identity.user);
        return { code, url: `/s/${code}` };
      } catch (err) {
        if (err instanceof ShortLinkError) throw new TRPCError({ code: "BAD_REQUEST", message: err.message });
        throw err;
      }
    }),
  resolve: procedureFor("viewer")
    .input(z.object({ code: boundedText(64) }))
    .query(async ({ ctx, input }) => {
      // A code of another form was never made, so it is as unknown as a well-formed one.
      const path = /^[\w-]{4,16}$/.test(input.code) ? await resolveShortLink(ctx.services.db, input.code) : undefined;
      if (!path) throw new TRPCError({ code: "NOT_FOUND", message: `no short link '${input.code}'` });
      return { path };
    }),
});
