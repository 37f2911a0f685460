import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAssets, loadBuildAssets } from "./build-assets";

let dir: string;
let server: Server;
let origin: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "build-assets-"));
  await mkdir(path.join(dir, "_shared"));
  await writeFile(path.join(dir, "_shared", "chunk-AB12.js"), "export const a = 1;\n");
  await writeFile(path.join(dir, "app-CD34.css"), "body{margin:0}");
  await writeFile(path.join(dir, "_shared", "chunk-AB12.js.map"), "{}");
  const serve = buildAssets(await loadBuildAssets(dir));
  // As under Express's app.use("/build", …): req.path is the part below the mount point.
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const below = url.pathname.replace(/^\/build/, "");
    serve(Object.assign(req, { path: below }), res, () => {
      res.writeHead(404, { "x-fell-through": "yes" });
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const addr = server.address();
  origin = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

describe("build assets from memory", () => {
  it("loads the scripts and styles, not the source maps", async () => {
    expect([...(await loadBuildAssets(dir)).keys()].sort()).toEqual(["/_shared/chunk-AB12.js", "/app-CD34.css"]);
  });

  it("answers a script with its bytes, type, length and a year of immutable caching", async () => {
    const r = await fetch(`${origin}/build/_shared/chunk-AB12.js`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(r.headers.get("content-length")).toBe("20");
    expect(r.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await r.text()).toBe("export const a = 1;\n");
    expect((await fetch(`${origin}/build/app-CD34.css`)).headers.get("content-type")).toBe("text/css; charset=utf-8");
  });

  it("answers HEAD without a body", async () => {
    const r = await fetch(`${origin}/build/app-CD34.css`, { method: "HEAD" });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-length")).toBe("14");
    expect(await r.text()).toBe("");
  });

  it("leaves the rest to the next handler: unknown files, source maps, other methods", async () => {
    for (const [url, method] of [["/build/_shared/nope.js", "GET"], ["/build/_shared/chunk-AB12.js.map", "GET"], ["/build/app-CD34.css", "POST"]] as const) {
      const r = await fetch(`${origin}${url}`, { method });
      expect(r.status, `${method} ${url}`).toBe(404);
      expect(r.headers.get("x-fell-through")).toBe("yes");
    }
  });
});
