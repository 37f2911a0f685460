/**
 * What keeps other sites out: a state-changing request must come from this app's own pages
 * (no cross-site form or script acts with a user's cookie), a redirect may only lead inside
 * the app, and in local mode the server answers only requests addressed to this machine (so a
 * rebinding DNS name cannot turn a browser into a proxy to the loopback-only developer mode).
 */
import { isLoopbackHost } from "../config/config";

/** Methods that only read; everything else changes state and must be same-origin. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface RequestOrigin {
  readonly method: string;
  /** Host (and port) the request was addressed to: Host, or the trusted proxy's X-Forwarded-Host. */
  readonly host: string | undefined;
  readonly origin: string | undefined;
  readonly referer: string | undefined;
  readonly secFetchSite: string | undefined;
}

function hostOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.host.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why a request must be refused as cross-site, or null when it may go on. Browsers say where a
 * request comes from (Sec-Fetch-Site, Origin, Referer); a client that says nothing (curl, the
 * runregistry client, another tool with a bearer token) carries no victim's cookie to abuse.
 */
export function crossSiteRefusal(req: RequestOrigin): string | null {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return null;
  const own = req.host?.toLowerCase();
  const site = req.secFetchSite?.toLowerCase();
  if (site && site !== "same-origin" && site !== "none") return `a ${site} request may not change anything here (Sec-Fetch-Site: ${site})`;
  const from = req.origin ?? req.referer;
  if (from === undefined) return null;
  const fromHost = from === "null" ? undefined : hostOf(from);
  if (!own || fromHost !== own) return `a request from ${from === "null" ? "an opaque origin" : `'${from.slice(0, 200)}'`} may not change anything on ${own ?? "this server"}`;
  return null;
}

/** Local mode: why a request addressed to another name than this machine's is refused, or null. */
export function localHostRefusal(host: string | undefined): string | null {
  if (!host) return "a request without a Host header";
  const name = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.split(":")[0]!;
  return isLoopbackHost(name) ? null : `local mode answers only requests addressed to this machine (localhost, 127.0.0.1, [::1]), not '${host.slice(0, 200)}'`;
}

/**
 * A path inside the app to redirect to, or `fallback`. The candidate is resolved against a
 * placeholder origin and must stay on it: `//evil`, `/\evil`, `/<TAB>/evil` and any control
 * character or backslash are refused (browsers read `\` as `/` and drop tabs and newlines).
 */
export function sameOriginPath(candidate: unknown, fallback = "/"): string {
  if (typeof candidate !== "string" || candidate.length === 0 || candidate.length > 4096) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (!candidate.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(candidate)) return fallback;
  const base = "http://dqmflow.invalid";
  let url: URL;
  try {
    url = new URL(candidate, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  const path = url.pathname + url.search + url.hash;
  return path.startsWith("//") ? fallback : path;
}
