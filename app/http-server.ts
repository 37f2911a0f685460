/**
 * The web server: Express serving the Remix build, with the app's services in every loader's
 * context. A taken port is reported as such, and SIGINT/SIGTERM close everything cleanly.
 * `--build DIR` serves a copy of a build instead (DIR/index.js and DIR/public/build), so a
 * benchmark's pages never change under it when someone rebuilds the shared one.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { createAppServices } from "../server/app-services";
import { requestGuard } from "../server/auth/request-guard";
import { buildAssets, loadBuildAssets } from "../server/http/build-assets";
import { rrPortApp } from "../server/rr/rr-port";
import { rrRouter } from "../server/rr/rr-router";
import { trpcFrontCache } from "../server/trpc/front-cache";
import { config } from "../server/config/config";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { build: { type: "string" } } });
  const copy = values.build ? path.resolve(values.build) : null;
  const cfg = config();
  const services = createAppServices(cfg);
  const build = (await import(pathToFileURL(copy ? path.join(copy, "index.js") : path.join(root, "build", "index.js")).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.use((await import("../server/http/body-limit")).bodyLimit()); // request bodies capped before anything parses them (docs/limits.md)
  app.use(requestGuard(cfg));
  const buildDir = copy ? path.join(copy, "public", "build") : path.join(root, "public", "build");
  app.use("/build", buildAssets(await loadBuildAssets(buildDir)));
  app.use("/build", express.static(buildDir, { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
  // Repeated trend views are written from the trend cache's bytes without entering Remix.
  app.use(trpcFrontCache(services));
  // CMS's runregistry client, pointed at http://<host>:<port>/rr, talks to dqmflow (docs/run-registry.md).
  app.use("/rr", await rrRouter(services));
  const handleRemix = createRequestHandler({ build, getLoadContext: (req) => ({ services, remoteAddress: req.socket.remoteAddress }) });
  app.all("*", (req, res, next) => {
    handleRemix(req, res, next).catch(next);
  });

  const shownHost = cfg.HOST.includes(":") ? `[${cfg.HOST}]` : cfg.HOST;
  const server = app.listen(cfg.PORT, cfg.HOST, () => console.log(`web: http://${shownHost}:${cfg.PORT} (server ${cfg.SERVER_NAME}, AUTH_MODE=${cfg.AUTH_MODE})`));
  server.on("error", (err: NodeJS.ErrnoException) => {
    console.error(err.code === "EADDRINUSE" ? `web: port ${cfg.PORT} is already taken; set PORT to another one` : `web: ${err.message}`);
    process.exit(1);
  });
  // RR's own port (RR_PORT): the /rr surface at the root, for scripts whose api_url has no path.
  const rrServer = cfg.RR_PORT === undefined ? null : (await rrPortApp(services)).listen(cfg.RR_PORT, cfg.HOST, () => console.log(`run registry: http://${shownHost}:${cfg.RR_PORT}`));
  rrServer?.on("error", (err: NodeJS.ErrnoException) => {
    console.error(err.code === "EADDRINUSE" ? `web: RR_PORT ${cfg.RR_PORT} is already taken; set RR_PORT to another one or unset it` : `web: ${err.message}`);
    process.exit(1);
  });
  const stop = () => {
    server.close();
    rrServer?.close();
    void services.close().finally(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error(`web: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
