/**
 * A small dqmflow cluster on one machine, for the multi-process journey: web servers
 * (`app/http-server.ts` on a private copy of the Remix build) and Temporal workers
 * (`workflows/worker.ts`) started as processes of their own, on the services of the environment
 * (DATABASE_URL, TEMPORAL_ADDRESS) but with a task queue, ingest schedule and watched folders of
 * their own, so they never take work from the processes scripts/test.sh started. The schedule is
 * made by `dqmflow schedule`, as the Helm chart's Job makes it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { cp, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../server/testing/free-port";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface ClusterProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** What the process printed so far (stdout and stderr), for failure messages. */
  output(): string;
  /** Resolves with the exit code, or the signal's name when a signal ended it. */
  readonly exited: Promise<number | string>;
}

export interface ClusterWeb extends ClusterProcess {
  readonly origin: string;
}

/** Settings shared by every process of the cluster. */
export interface ClusterSettings {
  readonly taskQueue: string;
  readonly scheduleId: string;
  readonly folders: { dqm: string; oms: string };
  readonly buildDir: string;
  /** Removes the private build and watched folders. */
  removeFiles(): Promise<void>;
}


/**
 * The cluster's task queue, schedule id, watched folders and build copy. MULTI_PROCESS_BUILD_DIR
 * names a build copy to serve (DIR/index.js, DIR/public/build); otherwise build/ and
 * public/build, which `npm test` has just made, are copied under .state.
 */
export async function clusterSettings(): Promise<ClusterSettings> {
  const id = randomUUID().slice(0, 8);
  const tmp = await mkdtemp(path.join(os.tmpdir(), "dqmflow-cluster-"));
  const folders = { dqm: path.join(tmp, "dqm"), oms: path.join(tmp, "oms") };
  await mkdir(folders.dqm, { recursive: true });
  await mkdir(folders.oms, { recursive: true });
  let buildDir = process.env.MULTI_PROCESS_BUILD_DIR ? path.resolve(ROOT, process.env.MULTI_PROCESS_BUILD_DIR) : "";
  const ownBuild = !buildDir;
  if (ownBuild) {
    // Under the project, so the server bundle finds node_modules by walking up.
    buildDir = path.join(ROOT, ".state", `multi-process-build-${id}`);
    await mkdir(path.join(buildDir, "public"), { recursive: true });
    await cp(path.join(ROOT, "build"), buildDir, { recursive: true });
    await cp(path.join(ROOT, "public", "build"), path.join(buildDir, "public", "build"), { recursive: true });
  }
  return {
    taskQueue: `dqmflow-cluster-${id}`,
    scheduleId: `dqmflow-cluster-scan-${id}`,
    folders,
    buildDir,
    async removeFiles() {
      await rm(tmp, { recursive: true, force: true });
      if (ownBuild) await rm(buildDir, { recursive: true, force: true });
    },
  };
}

/** The environment of a cluster process: the services', this cluster's queue, no watched folders of scripts/test.sh. */
function clusterEnv(s: ClusterSettings, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TEMPORAL_TASK_QUEUE: s.taskQueue, INGEST_SCHEDULE_ID: s.scheduleId, AUTH_MODE: "local", NODE_ENV: "production", ...extra };
  delete env.DQM_STORAGE_DIR;
  delete env.OMS_DROP_DIR;
  delete env.PORT;
  return { ...env, ...extra };
}

/** Starts a process and resolves once its output contains `ready`; rejects if it exits first or takes over `timeoutMs`. */
function startProcess(name: string, args: string[], env: NodeJS.ProcessEnv, ready: string | RegExp, timeoutMs = 120_000): Promise<ClusterProcess> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(signal ?? code ?? -1)));
  const proc: ClusterProcess = { name, child, output: () => out, exited };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${name} did not print '${String(ready)}' within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (typeof ready === "string" ? out.includes(ready) : ready.test(out)) {
        clearTimeout(timer);
        resolve(proc);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before it was ready:\n${out}`));
    });
  });
}

/** A web server of the cluster on a free port, named `name` (SERVER_NAME). */
export async function startWeb(s: ClusterSettings, name: string): Promise<ClusterWeb> {
  const port = await freePort();
  const env = clusterEnv(s, { PORT: String(port), SERVER_NAME: name, HOST: "127.0.0.1" });
  const proc = await startProcess(name, ["--import", "tsx", path.join(ROOT, "app/http-server.ts"), "--build", s.buildDir], env, new RegExp(`web: http://[^\\s]+:${port}\\b`));
  return { ...proc, origin: `http://127.0.0.1:${port}` };
}

/** A worker of the cluster polling its task queue. Its Temporal identity is `<pid>@<host name>`. */
export function startWorker(s: ClusterSettings, name: string): Promise<ClusterProcess> {
  return startProcess(name, ["--import", "tsx", path.join(ROOT, "workflows/worker.ts")], clusterEnv(s, { SERVER_NAME: name }), `worker: polling task queue '${s.taskQueue}'`);
}

/** `dqmflow schedule` for the cluster's watched folders (2 s scans, 3 files at a time); resolves with what it printed. */
export async function makeSchedule(s: ClusterSettings): Promise<string> {
  const env = clusterEnv(s, { DQM_STORAGE_DIR: s.folders.dqm, OMS_DROP_DIR: s.folders.oms, INGEST_SCAN_INTERVAL_S: "2", INGEST_CONCURRENCY: "3" });
  const proc = spawn(process.execPath, [path.join(ROOT, "bin/dqmflow.js"), "schedule"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  proc.stdout.on("data", (c: Buffer) => (out += c.toString()));
  proc.stderr.on("data", (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve) => proc.once("exit", resolve));
  if (code !== 0) throw new Error(`dqmflow schedule exited ${code}: ${out}`);
  return out.trim();
}

/** Sends `signal` and waits for the exit, at most `timeoutMs` (then SIGKILL and an error). */
export async function stopProcess(p: ClusterProcess, signal: NodeJS.Signals, timeoutMs = 60_000): Promise<number | string> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return p.exited;
  p.child.kill(signal);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      p.child.kill("SIGKILL");
      reject(new Error(`${p.name} still running ${timeoutMs} ms after ${signal}:\n${p.output().slice(-2000)}`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([p.exited, late]);
  } finally {
    clearTimeout(timer);
  }
}
