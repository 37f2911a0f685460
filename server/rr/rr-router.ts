/**
 * The Run Registry-compatible REST surface (RUNREGISTRY-API.md), mounted by the web server at
 * `/rr`: CMS's `runregistry` client, pointed at `http://<host>:<port>/rr`, works unchanged.
 * Bodies are capped before parsing; every refusal is RR's 500 {"err"} or 401 {"message"}.
 */
import express, { type NextFunction, type Request, type Response } from "express";
import type { AppServices } from "../app-services";
import type { Role } from "../auth/roles";
import { loadCertificationConfig } from "../certification/certification-config-file";
import { CertificationRuleError, NotFoundError, TransitionError } from "../certification/errors";
import { RrAuthError, RrError } from "./errors";
import { datasetNamesOfRun, datasetsFilteredOrdered, type ListingContext, runsFilteredOrdered } from "./filtered-query";
import { generateJson, pollJson } from "./json-portal";
import { ListingCache } from "./listing-cache";
import { SummaryCache } from "./summary-cache";
import { jointLumisectionRanges, lumisectionRequest, omsLumisections, rrLumisectionRangesByComponent, rrLumisections, toRanges } from "./lumisections";
import { cycles, datasetsAccepted } from "./reference-data";
import { type RrCaller, rrCaller, requireRole } from "./rr-identity";
import { changeRunClass, datasetStateOf, editRrLumisections, markSignificant, moveDataset, moveRun, refreshRun, roleForDatasetMove, roleForRunMove, ROLE_CHANGE_CLASS, ROLE_EDIT_LUMISECTIONS, ROLE_MARK_SIGNIFICANT, ROLE_REFRESH, runNumberOf, runStateOf, type WriteDeps } from "./writes";

export const RR_BODY_LIMIT = "512kb";

type Handler = (req: Request, caller: RrCaller) => Promise<unknown>;

function send(res: Response, err: unknown): void {
  if (err instanceof RrAuthError) {
    res.status(401).json({ message: err.message });
    return;
  }
  if (err instanceof RrError || err instanceof CertificationRuleError || err instanceof NotFoundError || err instanceof TransitionError) {
    res.status(500).json({ err: err.message });
    return;
  }
  console.error("rr:", err);
  res.status(500).json({ err: `internal error: ${err instanceof Error ? err.message : String(err)}` });
}

export function createRrRouter(services: AppServices, components: readonly string[]): express.Router {
  const cfg = services.config;
  const deps: WriteDeps & ListingContext = { db: services.db, components, listings: new ListingCache(), summaries: new SummaryCache(), cert: { db: services.db, temporal: () => services.temporal(), taskQueue: cfg.TEMPORAL_TASK_QUEUE } };
  const router = express.Router();
  // Every body is JSON whatever its content type says; an empty one (RR's body-less POSTs) is {}.
  router.use(express.json({ limit: RR_BODY_LIMIT, type: () => true, strict: false }));

  const caller = (req: Request) => rrCaller({ headers: req.headers, remoteAddress: req.socket.remoteAddress }, cfg);
  const read = (h: Handler) => (req: Request, res: Response) => {
    h(req, caller(req)).then((body) => res.json(body), (err: unknown) => send(res, err));
  };
  const write = (role: (req: Request) => Role, action: string, h: (req: Request, who: ReturnType<typeof requireRole>) => Promise<unknown>) =>
    read(async (req, c) => h(req, requireRole(c, role(req), cfg.AUTH_GROUP_ROLES, action)));
  const lsRoute = (path: string, f: (req: ReturnType<typeof lumisectionRequest>) => Promise<unknown>) => router.post(`/lumisections/${path}`, read((req) => f(lumisectionRequest(req.body))));

  router.post("/runs_filtered_ordered", read((req) => runsFilteredOrdered(deps, req.body)));
  router.post("/datasets_filtered_ordered", read((req) => datasetsFilteredOrdered(deps, req.body)));
  router.get("/get_all_dataset_names_of_run/:run", read((req) => datasetNamesOfRun(deps, runNumberOf(req.params.run))));
  lsRoute("rr_lumisections", async (r) => (await rrLumisections(deps, r)) ?? []);
  lsRoute("rr_lumisection_ranges", async (r) => toRanges((await rrLumisections(deps, r)) ?? []));
  lsRoute("rr_lumisection_ranges_by_component", (r) => rrLumisectionRangesByComponent(deps, r));
  lsRoute("oms_lumisections", (r) => omsLumisections(deps, r));
  lsRoute("oms_lumisection_ranges", async (r) => toRanges(await omsLumisections(deps, r, false)));
  lsRoute("joint_lumisection_ranges", (r) => jointLumisectionRanges(deps, r));
  router.get("/cycles/:workspace", read(() => cycles(deps.db)));
  router.get("/datasets_accepted", read(() => datasetsAccepted(deps.db)));

  router.post("/json_portal/generate", write(() => "shifter", "generating a golden JSON", (req, who) => generateJson(deps.cert, who.user, req.body)));
  router.post("/json_portal/json", (req, res) => {
    pollJson(deps.cert, req.body).then(
      (a) => (a.status === 203 ? res.status(203).end() : res.status(a.status).json(a.body)),
      (err: unknown) => send(res, err),
    );
  });

  router.post(
    "/runs/move_run/:from/:to",
    write((req) => roleForRunMove(runStateOf(String(req.params.from)), runStateOf(String(req.params.to))), "moving a run", (req, who) =>
      moveRun(deps, who, runNumberOf((req.body as Record<string, unknown>).run_number), runStateOf(String(req.params.from)), runStateOf(String(req.params.to))),
    ),
  );
  router.post("/runs/mark_significant", write(() => ROLE_MARK_SIGNIFICANT, "marking a run significant", (req, who) => markSignificant(deps, who, runNumberOf((req.body as Record<string, unknown>).run_number))));
  router.post("/runs/refresh_run/:run", write(() => ROLE_REFRESH, "refreshing a run", (req, who) => refreshRun(deps, who, runNumberOf(req.params.run), false)));
  router.post("/runs/reset_and_refresh_run/:run", write(() => ROLE_REFRESH, "refreshing a run", (req, who) => refreshRun(deps, who, runNumberOf(req.params.run), true)));
  router.put("/lumisections/edit_rr_lumisections", write(() => ROLE_EDIT_LUMISECTIONS, "editing lumisections", (req, who) => editRrLumisections(deps, who, req.body)));
  router.post(
    "/datasets/:workspace/move_dataset/:from/:to",
    write((req) => roleForDatasetMove(datasetStateOf(String(req.params.from)), datasetStateOf(String(req.params.to))), "moving a dataset", (req, who) =>
      moveDataset(deps, who, String(req.params.workspace), datasetStateOf(String(req.params.from)), datasetStateOf(String(req.params.to)), req.body),
    ),
  );
  router.put("/manual_run_edit/:run/class", write(() => ROLE_CHANGE_CLASS, "changing a run's class", (req, who) => changeRunClass(deps, who, runNumberOf(req.params.run), req.body)));

  router.use((req: Request, res: Response) => {
    res.status(404).json({ err: `no Run Registry endpoint ${req.method} ${req.path}` });
  });
  // Body parser refusals (too large, not JSON) come here, as RR's {"err"} rather than an HTML page.
  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const e = err as { type?: string; limit?: number; length?: number; message?: string };
    if (e.type === "entity.too.large") return res.status(500).json({ err: `request body of ${e.length ?? "?"} bytes is larger than the ${RR_BODY_LIMIT} limit` });
    if (e.type === "entity.parse.failed") return res.status(500).json({ err: `request body is not JSON: ${e.message ?? ""}` });
    send(res, err);
  });
  return router;
}

/** The router with the product's certification configuration (its components list the triplets). */
export async function rrRouter(services: AppServices): Promise<express.Router> {
  const config = await loadCertificationConfig(services.config.CERTIFICATION_CONFIG);
  return createRrRouter(services, config.components);
}
