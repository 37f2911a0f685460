/**
 * The one place dqmflow reads its environment. Every value is validated at start-up and a
 * wrong one is reported by its variable name.
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import { z } from "zod";
import { defaultLinkBases } from "../hdqm/links";

/** Asymmetric JWS algorithms a bearer token may be signed with (never HS*, never none). */
export const signatureAlgorithms = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"] as const;

/** Settings OIDC mode cannot start without. */
export const requiredOidcSettings = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "PUBLIC_URL", "SESSION_SECRET"] as const;

/** Addresses that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || h === "::ffff:127.0.0.1" || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * A base URL that run links are appended to (`<base>?cms_run=…`): https (plain http only to this
 * machine), no query or fragment of its own; a trailing slash is dropped.
 */
function linkBase(dflt: string) {
  return z
    .string()
    .default(dflt)
    .superRefine((s, ctx) => {
      let url: URL;
      try {
        url = new URL(s);
      } catch {
        ctx.addIssue({ code: "custom", message: `'${s}' is not a URL (e.g. ${dflt})` });
        return;
      }
      if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname))) ctx.addIssue({ code: "custom", message: `'${s}' must be https:// (plain http only on this machine: localhost, 127.0.0.1, [::1])` });
      else if (url.search || url.hash || s.includes("?") || s.includes("#")) ctx.addIssue({ code: "custom", message: `'${s}' must be a base without ? or # (dqmflow appends the run's query, e.g. ${dflt})` });
    })
    .transform((s) => s.replace(/\/+$/, ""));
}

const roleSchema = z.enum(["viewer", "shifter", "expert", "admin"]);

const envSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL"),
  TEMPORAL_ADDRESS: z.string().regex(/^[\w.-]+:\d+$/, "must be host:port"),
  TEMPORAL_NAMESPACE: z.string().min(1).default("default"),
  TEMPORAL_UI_URL: z.string().url().default("http://localhost:8233"),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default("dqmflow"),
  /** mTLS to Temporal: this client's certificate and private key (PEM files), both or neither. */
  TEMPORAL_TLS_CERT_FILE: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY_FILE: z.string().min(1).optional(),
  /** CA of the Temporal frontend's certificate (PEM file); unset: the system's roots. */
  TEMPORAL_TLS_CA_FILE: z.string().min(1).optional(),
  /** Name the frontend's certificate is checked against when it is not TEMPORAL_ADDRESS's host. */
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  /** API key sent to Temporal (Temporal Cloud); implies TLS. */
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /**
   * A port of its own for CMS's runregistry client, serving the /rr surface at its root as RR's
   * backend does on 9500 (api_url = http://<host>:<RR_PORT>); unset: only /rr on PORT. Same HOST.
   */
  RR_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Address the web server listens on. Loopback by default; local mode refuses any other. */
  HOST: z.string().min(1).max(255).default("127.0.0.1"),
  SERVER_NAME: z.string().min(1).default(os.hostname()),
  /** "off" computes every trend answer afresh (to compare, or to rule the cache out when debugging). */
  TREND_CACHE: z.enum(["on", "off"]).default("on"),
  /**
   * "proxy": identity from a trusted SSO proxy's headers; "oidc": the app signs users in with an
   * OpenID Connect provider itself (and accepts its bearer tokens on /api/trpc); "local": a
   * developer on this machine picks a role (loopback only). A caller with no identity is a
   * viewer in every mode.
   */
  AUTH_MODE: z.enum(["proxy", "local", "oidc"]).default("local"),
  /** Addresses of the authenticating proxy whose identity headers are believed. */
  AUTH_TRUSTED_PROXIES: z
    .string()
    .default("127.0.0.1,::1,::ffff:127.0.0.1")
    .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean)),
  /** e-group → role, e.g. "cms-dqm-shifters:shifter,cms-dqm-experts:expert". */
  AUTH_GROUP_ROLES: z
    .string()
    .default("cms-dqm-viewers:viewer,cms-dqm-shifters:shifter,cms-dqm-experts:expert,cms-dqm-admins:admin")
    .transform((s, ctx) => {
      const map: Record<string, z.infer<typeof roleSchema>> = {};
      for (const pair of s.split(",").filter(Boolean)) {
        const [group, role] = pair.split(":").map((x) => x.trim());
        const parsed = roleSchema.safeParse(role);
        if (!group || !parsed.success) {
          ctx.addIssue({ code: "custom", message: `entry '${pair}' is not group:role with a role of viewer|shifter|expert|admin` });
          return z.NEVER;
        }
        map[group] = parsed.data;
      }
      return map;
    }),
  /** OIDC mode: the provider's issuer URL (discovery at <issuer>/.well-known/openid-configuration). */
  OIDC_ISSUER: z.string().url().optional(),
  /** OIDC mode: this app's client at the provider (a confidential client: id and secret). */
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** OIDC mode: the client's secret, or OIDC_CLIENT_SECRET_FILE naming a file that holds it. */
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** OIDC mode: the app's external origin (https://…), for the redirect URI <PUBLIC_URL>/auth/callback. */
  PUBLIC_URL: z
    .string()
    .url()
    .refine((s) => /^https?:$/.test(new URL(s).protocol) && new URL(s).pathname === "/" && !new URL(s).search && !new URL(s).hash, "must be an origin such as https://dqm.example.org (no path)")
    .transform((s) => new URL(s).origin)
    .optional(),
  /** OIDC mode: scopes asked for at sign-in. */
  OIDC_SCOPES: z.string().min(1).default("openid profile email"),
  /**
   * OIDC mode: claims holding the e-groups or roles mapped by AUTH_GROUP_ROLES, comma-separated;
   * a dotted path reads a nested claim (resource_access.dqmflow.roles). Values of all are taken.
   */
  OIDC_GROUPS_CLAIM: z
    .string()
    .default("cern_roles")
    .transform((s, ctx) => {
      const paths = s.split(",").map((x) => x.trim()).filter(Boolean);
      if (paths.length === 0 || paths.some((p) => p.split(".").some((part) => part === ""))) {
        ctx.addIssue({ code: "custom", message: `'${s}' is not a comma-separated list of claim names or dotted paths (e.g. cern_roles,resource_access.dqmflow.roles)` });
        return z.NEVER;
      }
      return paths;
    }),
  /** OIDC mode: the claim naming the user (falls back to the subject). */
  OIDC_USER_CLAIM: z.string().min(1).default("preferred_username"),
  /** OIDC mode: the audience a bearer token on /api/trpc must be issued for; OIDC_CLIENT_ID when unset. */
  OIDC_AUDIENCE: z.string().min(1).optional(),
  /** OIDC mode: signature algorithms accepted on bearer tokens. */
  OIDC_TOKEN_ALGS: z
    .string()
    .default("RS256,PS256,ES256")
    .transform((s, ctx) => {
      const algs = s.split(",").map((x) => x.trim()).filter(Boolean);
      const unknown = algs.filter((a) => !(signatureAlgorithms as readonly string[]).includes(a));
      if (algs.length === 0 || unknown.length > 0) {
        ctx.addIssue({ code: "custom", message: `${unknown.length ? `unknown algorithm(s) ${unknown.join(", ")}` : "no algorithm"}: a comma-separated list of ${signatureAlgorithms.join(", ")}` });
        return z.NEVER;
      }
      return algs;
    }),
  /** OIDC mode: the key signing session cookies (HMAC-SHA256), at least 32 bytes; or SESSION_SECRET_FILE. */
  SESSION_SECRET: z.string().min(1).optional(),
  /** OIDC mode: how long a sign-in lasts, in seconds. */
  SESSION_MAX_AGE_S: z.coerce.number().int().min(60).max(30 * 86_400).default(8 * 3600),
  /** Certification configuration (JSON); config/certification.json of the repository when unset. */
  CERTIFICATION_CONFIG: z.string().min(1).optional(),
  /** DQM GUI-like storage folder a Temporal Schedule scans for DQM ROOT files; unset: no schedule. */
  DQM_STORAGE_DIR: z.string().min(1).optional(),
  /** Folder a Temporal Schedule scans for OMS run metadata (JSON or CSV); unset: not scanned. */
  OMS_DROP_DIR: z.string().min(1).optional(),
  /** Seconds between two scans of the watched folders. */
  INGEST_SCAN_INTERVAL_S: z.coerce.number().int().min(1).max(86_400).default(60),
  /** DQM files a scan ingests at the same time, across all workers (docs/scaling.md: about 2 per worker's cores). */
  INGEST_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(2),
  /** Id of that Schedule in the Temporal namespace (two deployments sharing a namespace need two). */
  INGEST_SCHEDULE_ID: z.string().regex(/^[\w.-]{1,200}$/, "letters, digits, '.', '_' or '-'").default("dqmflow-ingest-scan"),
  /** Globs of extra MEs ingest keeps for the run page (beyond metrics and certification), comma-separated. */
  INGEST_KEEP_MES: z
    .string()
    .default("")
    .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean)),
  /** Metric configuration folder (YAML/JSON, HDQM INI files under <Subsystem>/); a relative path is taken from the project root. */
  METRICS_CONFIG_DIR: z.string().min(1).default("config/metrics"),
  /** Bases of the links from a run to DQM GUI, OMS, Run Registry and the elog (a test deployment points them at its own instances). */
  DQM_GUI_URL: linkBase(defaultLinkBases.dqmGui),
  OMS_URL: linkBase(defaultLinkBases.oms),
  RUN_REGISTRY_URL: linkBase(defaultLinkBases.runRegistry),
  ELOG_URL: linkBase(defaultLinkBases.elog),
});

const checkedEnvSchema = envSchema.superRefine((cfg, ctx) => {
  if (cfg.AUTH_MODE === "local" && !isLoopbackHost(cfg.HOST)) {
    ctx.addIssue({
      code: "custom",
      path: ["HOST"],
      message: `'${cfg.HOST}' is reachable from other machines, and in AUTH_MODE=local anyone who reaches the port picks their own role; local mode listens on loopback only (127.0.0.1, ::1, localhost) — set AUTH_MODE=proxy or oidc to serve other addresses`,
    });
  }
  if (cfg.RR_PORT !== undefined && cfg.RR_PORT === cfg.PORT) {
    ctx.addIssue({ code: "custom", path: ["RR_PORT"], message: `must differ from PORT (${cfg.PORT}): the web app already serves the Run Registry surface under /rr there` });
  }
  if ((cfg.TEMPORAL_TLS_CERT_FILE === undefined) !== (cfg.TEMPORAL_TLS_KEY_FILE === undefined)) {
    const missing = cfg.TEMPORAL_TLS_CERT_FILE === undefined ? "TEMPORAL_TLS_CERT_FILE" : "TEMPORAL_TLS_KEY_FILE";
    ctx.addIssue({ code: "custom", path: [missing], message: "required with the other half of the client certificate pair (TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE go together)" });
  }
  if (cfg.AUTH_MODE !== "oidc") return;
  for (const name of requiredOidcSettings) {
    if (cfg[name] === undefined) ctx.addIssue({ code: "custom", path: [name], message: "required in AUTH_MODE=oidc" });
  }
  // Plain http only to this machine: a session cookie or a token over the network must be encrypted.
  for (const name of ["OIDC_ISSUER", "PUBLIC_URL"] as const) {
    const url = cfg[name] === undefined ? undefined : new URL(cfg[name]);
    if (url && url.protocol !== "https:" && !isLoopbackHost(url.hostname)) {
      ctx.addIssue({ code: "custom", path: [name], message: `'${cfg[name]}' must be https:// (plain http only on this machine: localhost, 127.0.0.1, [::1])` });
    }
  }
  if (cfg.SESSION_SECRET !== undefined && Buffer.byteLength(cfg.SESSION_SECRET) < 32) {
    ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: `is ${Buffer.byteLength(cfg.SESSION_SECRET)} bytes; at least 32 (e.g. \`openssl rand -base64 48\`)` });
  }
});

export type AppConfig = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Secrets that may instead be read from a file named by <NAME>_FILE (a mounted secret). */
const secretsFromFiles = ["OIDC_CLIENT_SECRET", "SESSION_SECRET"] as const;

function readSecretFiles(env: Record<string, string | undefined>): { env: Record<string, string | undefined>; problems: string[] } {
  const out = { ...env };
  const problems: string[] = [];
  for (const name of secretsFromFiles) {
    const file = env[`${name}_FILE`];
    if (!file) continue;
    if (env[name] !== undefined) {
      problems.push(`  ${name}_FILE: set together with ${name}; set one of them`);
      continue;
    }
    try {
      out[name] = readFileSync(file, "utf8").replace(/\r?\n$/, "");
    } catch (err) {
      problems.push(`  ${name}_FILE: cannot read '${file}' (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
  }
  return { env: out, problems };
}

/** Validates an environment; throws ConfigError naming every wrong variable. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const secrets = readSecretFiles(env);
  const result = checkedEnvSchema.safeParse(secrets.env);
  if (result.success && secrets.problems.length === 0) return result.data;
  const lines = [...secrets.problems, ...(result.error?.issues.map((i) => `  ${i.path.join(".") || "(environment)"}: ${i.message}`) ?? [])];
  throw new ConfigError(`invalid configuration:\n${lines.join("\n")}`);
}

let cached: AppConfig | undefined;

/** The process's configuration, validated once. */
export function config(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
