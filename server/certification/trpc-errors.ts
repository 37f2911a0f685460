/** Domain errors → tRPC codes, at the API edge. */
import { TRPCError } from "@trpc/server";
import { CertificationRuleError, NotFoundError, TransitionError } from "./errors";

export async function asTrpc<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof NotFoundError) throw new TRPCError({ code: "NOT_FOUND", message: err.message, cause: err });
    if (err instanceof TransitionError || err instanceof CertificationRuleError) throw new TRPCError({ code: "PRECONDITION_FAILED", message: err.message, cause: err });
    throw err;
  }
}
