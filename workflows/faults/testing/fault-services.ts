/**
 * The services a fault test breaks on purpose: the profile of scripts/services.sh whose
 * PostgreSQL and Temporal the environment points at, found from DATABASE_URL's and
 * TEMPORAL_ADDRESS's ports, and refused unless this checkout started both (their data
 * directory and pid file are here). Restarts go through `services.sh restart-db|restart-temporal`
 * with the profile's own data, ports and flags; `ensureUp` brings both back after a test,
 * whatever happened in it.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const SERVICES = path.join(ROOT, "scripts/services.sh");

/** The profiles of scripts/services.sh and their ports (keep in step with its `case`). */
const PROFILES: Record<string, { pg: number; temporal: number }> = {
  dev: { pg: 55432, temporal: 7233 },
  test: { pg: 55433, temporal: 7243 },
  ...Object.fromEntries([1, 2, 3, 4].map((n) => [`alt${n}`, { pg: 55440 + n, temporal: 7250 + n }])),
};

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

export class NotOurServicesError extends Error {
  override readonly name = "NotOurServicesError";
}

function portOf(address: string, what: string): { host: string; port: number } {
  try {
    const u = new URL(address.includes("://") ? address : `tcp://${address}`);
    return { host: u.hostname, port: Number(u.port) };
  } catch {
    throw new NotOurServicesError(`${what} '${address}' is not an address with a port`);
  }
}

/** The services.sh profile that `env`'s DATABASE_URL and TEMPORAL_ADDRESS point at, checked to be this checkout's. */
export function faultProfile(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const why = "fault tests restart the database and Temporal they run on, so both must be services this checkout's scripts/services.sh started";
  if (!env.DATABASE_URL || !env.TEMPORAL_ADDRESS) throw new NotOurServicesError(`${why}; DATABASE_URL and TEMPORAL_ADDRESS are not both set`);
  const db = portOf(env.DATABASE_URL, "DATABASE_URL");
  const temporal = portOf(env.TEMPORAL_ADDRESS, "TEMPORAL_ADDRESS");
  if (!LOCAL_HOSTS.has(db.host) || !LOCAL_HOSTS.has(temporal.host)) throw new NotOurServicesError(`${why}; DATABASE_URL (${db.host}) and TEMPORAL_ADDRESS (${temporal.host}) must be on this machine`);
  const profile = Object.entries(PROFILES).find(([, p]) => p.pg === db.port)?.[0];
  if (!profile) throw new NotOurServicesError(`${why}; DATABASE_URL's port ${db.port} is no profile's (${Object.entries(PROFILES).map(([k, p]) => `${k} ${p.pg}`).join(", ")})`);
  if (PROFILES[profile]!.temporal !== temporal.port) throw new NotOurServicesError(`${why}; DATABASE_URL is profile ${profile}'s but TEMPORAL_ADDRESS's port ${temporal.port} is not (${PROFILES[profile]!.temporal})`);
  const pidFile = path.join(ROOT, ".data", profile, "pg", "postmaster.pid");
  // postmaster.pid's 4th line is the port the cluster listens on.
  if (!existsSync(pidFile) || Number(readFileSync(pidFile, "utf8").split("\n")[3]) !== db.port) {
    throw new NotOurServicesError(`${why}; no PostgreSQL of this checkout runs on port ${db.port} (${path.relative(ROOT, pidFile)} is missing or names another port): run bash scripts/services.sh up ${profile}`);
  }
  const temporalPid = path.join(ROOT, ".state", `temporal-${profile}.pid`);
  if (!existsSync(temporalPid) || !alive(Number(readFileSync(temporalPid, "utf8").trim()))) {
    throw new NotOurServicesError(`${why}; the Temporal dev server of profile ${profile} was not started by this checkout (${path.relative(ROOT, temporalPid)} names no live process): run bash scripts/services.sh up ${profile}`);
  }
  return profile;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs `services.sh <action> <profile>` on the profile's own services (not the env's addresses). */
function services(action: string, profile: string): Promise<void> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.TEMPORAL_ADDRESS;
  return new Promise((resolve, reject) => {
    // Detached: the restarted servers get a session of their own, so the test run's Ctrl-C or
    // its fork's exit does not reach them (services.sh down stops them by pid).
    const child = spawn("bash", [SERVICES, action, profile], { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (b: Buffer) => (out += b.toString()));
    child.stderr.on("data", (b: Buffer) => (out += b.toString()));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`services.sh ${action} ${profile} exited with ${code}:\n${out.trim()}`))));
  });
}

export const restartDatabase = (profile: string): Promise<void> => services("restart-db", profile);
export const restartTemporal = (profile: string): Promise<void> => services("restart-temporal", profile);
/** Starts whichever of the profile's services is down (a no-op when both run). */
export const ensureUp = (profile: string): Promise<void> => services("up", profile);
