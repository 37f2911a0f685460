/**
 * The tRPC builders procedures may use. Every procedure states the role it needs
 * (`procedureFor("shifter")`); the role is kept in its meta so a test can walk every
 * mutation and check it refuses callers below that role. Every procedure's raw input is walked
 * by the input guard before its schema (server/limits/input-guard.ts), and database or workflow
 * errors leave it as typed errors in plain words (server/limits/api-errors.ts).
 */
import { initTRPC, TRPCError } from "@trpc/server";
import { z, ZodError } from "zod";
import { hasRole, type Role } from "../auth/roles";
import { apiFailure } from "../limits/api-errors";
import { inputProblem } from "../limits/input-guard";
import { MAX_TRPC_BATCH } from "../limits/limits";
import type { Context } from "./context";

export interface ProcedureMeta {
  role: Role;
}

/** Zod issues as one line naming each field: `runNumber: must be at most 2147483647`. */
export function zodMessage(err: ZodError): string {
  return err.issues.map((i) => `${i.path.map(String).join(".") || "input"}: ${i.message}`).join("; ");
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    isDev: false,
    errorFormatter({ shape, error }) {
      const zodError = error.cause instanceof ZodError ? error.cause : null;
      // Only errors raised on purpose keep their text; anything unexpected is not shown as it is.
      const message = zodError
        ? zodMessage(zodError)
        : error.code === "INTERNAL_SERVER_ERROR"
          ? "internal error: the server could not answer this request"
          : error.message === "Batch call exceeds maximum size"
            ? `a batch has at most ${MAX_TRPC_BATCH} calls; send fewer at once`
            : shape.message;
      return { ...shape, message, data: { ...shape.data, stack: undefined, zodError: zodError ? z.flattenError(zodError) : null } };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Database and Temporal failures become typed errors with plain messages. */
const plainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR") {
    const failure = apiFailure(result.error.cause);
    if (failure) throw new TRPCError({ code: failure.code, message: failure.message, cause: result.error.cause });
  }
  return result;
});

/**
 * A procedure callable by `role` and every role above it. An anonymous caller (no session, no
 * trusted identity, no role chosen in local mode) may only read: every mutation needs someone.
 */
export function procedureFor(role: Role) {
  return t.procedure
    .meta({ role })
    .use(plainErrors)
    .use(({ ctx, type, next }) => {
      if (type === "mutation" && ctx.identity.via === "anonymous") {
        throw new TRPCError({ code: "UNAUTHORIZED", message: `sign in to change anything: an anonymous caller may only read (this needs the ${role} role)` });
      }
      if (!hasRole(ctx.identity.role, role)) {
        throw new TRPCError({ code: "FORBIDDEN", message: `this needs the ${role} role; ${ctx.identity.user} is ${ctx.identity.role}` });
      }
      return next();
    })
    .use(async ({ getRawInput, next }) => {
      const problem = inputProblem(await getRawInput());
      if (problem) throw new TRPCError({ code: "BAD_REQUEST", message: `${problem.path || "input"}: ${problem.message}` });
      return next();
    });
}
