/** The whole API: one router per resource, merged here. Other tools import `AppRouter`. */
import { certificationRouter } from "./routers/certification.router";
import { compareRouter } from "./routers/compare.router";
import { goldenJsonRouter } from "./routers/golden-json.router";
import { healthRouter } from "./routers/health.router";
import { linksRouter } from "./routers/links.router";
import { overviewRouter } from "./routers/overview.router";
import { selectionsRouter } from "./routers/selections.router";
import { trendsRouter } from "./routers/trends.router";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  certification: certificationRouter,
  compare: compareRouter,
  goldenJson: goldenJsonRouter,
  health: healthRouter,
  links: linksRouter,
  overview: overviewRouter,
  selections: selectionsRouter,
  trends: trendsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
