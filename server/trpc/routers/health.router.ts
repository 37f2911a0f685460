import { checkHealth } from "../../health/health";
import { procedureFor, router } from "../trpc";

export const healthRouter = router({
  status: procedureFor("viewer").query(({ ctx }) => checkHealth(ctx.services)),
  me: procedureFor("viewer").query(({ ctx }) => ctx.identity),
});
