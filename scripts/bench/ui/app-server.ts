/**
 * The web app served from a private copy of a Remix build (`--build DIR` holding `index.js` and
 * `public/`), so a benchmark's pages never change under it when someone rebuilds the shared
 * `build/` and `public/build/`. Same Express setup as app/http-server.ts; prints
 * `{"port":N}` on stdout once listening on 127.0.0.1:PORT and stops on SIGTERM/SIGINT.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { createAppServices } from "../../../server/app-services";
import { config } from "../../../server/config/config";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { build: { type: "string" } } });
  if (!values.build) throw new Error("--build DIR is required");
  const dir = path.resolve(values.build);
  const cfg = config();
  const services = createAppServices(cfg);
  const build = (await import(pathToFileURL(path.join(dir, "index.js")).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.use("/build", express.static(path.join(dir, "public", "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
  const handle = createRequestHandler({ build, getLoadContext: (req) => ({ services, remoteAddress: req.socket.remoteAddress }) });
  app.all("*", (req, res, next) => {
    handle(req, res, next).catch(next);
  });
  const server = app.listen(cfg.PORT, "127.0.0.1", () => {
    const addr = server.address();
    console.log(JSON.stringify({ port: typeof addr === "object" && addr ? addr.port : cfg.PORT }));
  });
  server.on("error", (err: NodeJS.ErrnoException) => {
    console.error(err.code === "EADDRINUSE" ? `bench app server: port ${cfg.PORT} is already taken` : `bench app server: ${err.message}`);
    process.exit(1);
  });
  const stop = () => {
    server.close();
    void services.close().finally(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error(`bench app server: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
