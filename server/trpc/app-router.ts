/** The whole API: one router per resource, merged here. Other tools import `AppRouter`. */
import { healthRouter } from "./routers/health.router";
import { linksRouter } from "./routers/links.router";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  health: healthRouter,
  links: linksRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
