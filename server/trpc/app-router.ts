/** The whole API: one router per resource, merged here. Other tools import `AppRouter`. */
import { compareRouter } from "./routers/compare.router";
import { healthRouter } from "./routers/health.router";
import { linksRouter } from "./routers/links.router";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  compare: compareRouter,
  health: healthRouter,
  links: linksRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
