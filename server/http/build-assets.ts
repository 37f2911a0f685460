/**
 * The browser build's scripts and styles (`public/build`, file names carrying their content
 * hash) served from memory: read once at start-up, answered with one write each and cached by
 * browsers for a year. A page load asks for fifteen or more of them at once; from memory they
 * leave the server in a few milliseconds instead of a file-system round trip each. Anything
 * else under /build (source maps, a file added after start-up) goes on to the static server.
 */
import { readdir, readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";

const TYPES: Record<string, string> = { ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8" };

interface Asset {
  readonly body: Buffer;
  readonly type: string;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** The scripts and styles under `dir`, by their URL path below it (`/_shared/chunk-X.js`). */
export async function loadBuildAssets(dir: string): Promise<Map<string, Asset>> {
  const assets = new Map<string, Asset>();
  for (const file of await filesUnder(dir)) {
    const type = TYPES[path.extname(file)];
    if (!type) continue;
    const url = "/" + path.relative(dir, file).split(path.sep).join("/");
    assets.set(url, { body: await readFile(file), type });
  }
  return assets;
}

/** Express-style middleware for a mount point such as /build: GET and HEAD of a known asset, or `next()`. */
export function buildAssets(assets: ReadonlyMap<string, Asset>) {
  return (req: IncomingMessage & { path?: string }, res: ServerResponse, next: () => void): void => {
    const asset = req.method === "GET" || req.method === "HEAD" ? assets.get(req.path ?? "") : undefined;
    if (!asset) return next();
    res.writeHead(200, { "content-type": asset.type, "content-length": asset.body.byteLength, "cache-control": "public, max-age=31536000, immutable" });
    res.end(req.method === "HEAD" ? undefined : asset.body);
  };
}
