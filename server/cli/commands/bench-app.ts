/**
 * The product's web server for benchmarks: a private copy of a fresh build (so someone else's
 * `remix build` cannot change it mid-run), served by `app/http-server.ts` on a free port with
 * the environment a benchmark gives it, and stopped again.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cp, mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../../testing/free-port";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}`))));
  });
}

/** Builds the app and copies the build to a directory of this process; remove it with `removeBuild`. */
export async function privateBuild(name: string): Promise<string> {
  await run("npx", ["--no-install", "remix", "build"]);
  const dir = path.join(ROOT, ".state", `${name}-${process.pid}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, "public"), { recursive: true });
  await cp(path.join(ROOT, "build"), dir, { recursive: true });
  await cp(path.join(ROOT, "public", "build"), path.join(dir, "public", "build"), { recursive: true });
  return dir;
}

export function removeBuild(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}


export interface RunningApp {
  readonly child: ChildProcess;
  readonly origin: string;
}

/** Starts the web server on `buildDir` with `env` over the benchmark's own; resolves once it listens. */
export async function startApp(buildDir: string, env: Record<string, string>): Promise<RunningApp> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "app/http-server.ts"), "--build", buildDir], {
    cwd: ROOT,
    // As `npm start` runs it (scripts/start.sh): production React and Remix.
    env: { ...process.env, AUTH_MODE: "local", NODE_ENV: "production", ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      // The server prints the address it listens on (its HOST, loopback by default).
      if (new RegExp(`web: http://\\S+:${port} `).test(out)) resolve({ child, origin: `http://127.0.0.1:${port}` });
    });
    child.once("exit", (code) => reject(new Error(`benchmark web server exited (${code})`)));
  });
}

export async function stopApp(app: RunningApp): Promise<void> {
  const exited = new Promise((r) => app.child.once("exit", r));
  app.child.kill("SIGTERM");
  await exited;
}
