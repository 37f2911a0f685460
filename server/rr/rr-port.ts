/**
 * The Run Registry surface on a port of its own (`RR_PORT`), at the root as RR's backend serves
 * it on 9500, so a script's `api_url = "http://<host>:<RR_PORT>"` works without the `/rr` prefix.
 * The same guards as the web app run first: the body cap, and the request guard (cross-site
 * writes refused; in local mode, requests addressed to another host refused).
 */
import express from "express";
import type { AppServices } from "../app-services";
import { requestGuard } from "../auth/request-guard";
import { bodyLimit } from "../http/body-limit";
import { rrRouter } from "./rr-router";

export async function rrPortApp(services: AppServices): Promise<express.Express> {
  const app = express();
  app.disable("x-powered-by");
  app.use(bodyLimit());
  app.use(requestGuard(services.config));
  app.use("/", await rrRouter(services));
  return app;
}
