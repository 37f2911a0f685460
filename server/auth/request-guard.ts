/**
 * The web server's first middleware: refuses cross-site state changes (403) and, in local mode,
 * requests addressed to another host than this machine (421) before anything else runs.
 */
import type { NextFunction, Request, Response } from "express";
import type { AppConfig } from "../config/config";
import { crossSiteRefusal, localHostRefusal } from "./same-origin";

function header(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function requestGuard(cfg: Pick<AppConfig, "AUTH_MODE" | "AUTH_TRUSTED_PROXIES">) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const fromProxy = req.socket.remoteAddress !== undefined && cfg.AUTH_TRUSTED_PROXIES.includes(req.socket.remoteAddress);
    const host = (fromProxy && cfg.AUTH_MODE !== "local" ? header(req, "x-forwarded-host")?.split(",")[0]?.trim() : undefined) ?? header(req, "host");
    if (cfg.AUTH_MODE === "local") {
      const wrongHost = localHostRefusal(host);
      if (wrongHost) {
        res.status(421).type("text/plain").send(`refused: ${wrongHost}`);
        return;
      }
    }
    const crossSite = crossSiteRefusal({
      method: req.method,
      host,
      origin: header(req, "origin"),
      referer: header(req, "referer"),
      secFetchSite: header(req, "sec-fetch-site"),
    });
    if (crossSite) {
      res.status(403).type("text/plain").send(`refused: ${crossSite}`);
      return;
    }
    next();
  };
}
