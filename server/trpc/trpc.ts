/**
 * The tRPC builders procedures may use. Every procedure states the role it needs
 * (`procedureFor("shifter")`); the role is kept in its meta so a test can walk every
 * mutation and check it refuses callers below that role.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import { z, ZodError } from "zod";
import { hasRole, type Role } from "../auth/roles";
import type { Context } from "./context";

export interface ProcedureMeta {
  role: Role;
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error }) {
      return {
        ...shape,
        data: { ...shape.data, zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** A procedure callable by `role` and every role above it. */
export function procedureFor(role: Role) {
  return t.procedure.meta({ role }).use(({ ctx, next }) => {
    if (!hasRole(ctx.identity.role, role)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `this needs the ${role} role; ${ctx.identity.user} is ${ctx.identity.role}` });
    }
    return next();
  });
}
