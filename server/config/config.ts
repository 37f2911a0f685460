/**
 * The one place dqmflow reads its environment. Every value is validated at start-up and a
 * wrong one is reported by its variable name.
 */
import os from "node:os";
import { z } from "zod";

const roleSchema = z.enum(["viewer", "shifter", "expert", "admin"]);

const envSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL"),
  TEMPORAL_ADDRESS: z.string().regex(/^[\w.-]+:\d+$/, "must be host:port"),
  TEMPORAL_NAMESPACE: z.string().min(1).default("default"),
  TEMPORAL_UI_URL: z.string().url().default("http://localhost:8233"),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default("dqmflow"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Address the web server listens on. Loopback by default; local mode refuses any other. */
  HOST: z.string().min(1).max(255).default("127.0.0.1"),
  SERVER_NAME: z.string().min(1).default(os.hostname()),
  /** "off" computes every trend answer afresh (to compare, or to rule the cache out when debugging). */
  TREND_CACHE: z.enum(["on", "off"]).default("on"),
  /**
   * "proxy": identity from a trusted SSO proxy's headers; "local": a developer on this machine
   * picks a role (loopback only). A caller with no identity is a viewer in every mode.
   */
  AUTH_MODE: z.enum(["proxy", "local"]).default("local"),
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
  /** Certification configuration (JSON); config/certification.json of the repository when unset. */
  CERTIFICATION_CONFIG: z.string().min(1).optional(),
  /** DQM GUI-like storage folder a Temporal Schedule scans for DQM ROOT files; unset: no schedule. */
  DQM_STORAGE_DIR: z.string().min(1).optional(),
  /** Folder a Temporal Schedule scans for OMS run metadata (JSON or CSV); unset: not scanned. */
  OMS_DROP_DIR: z.string().min(1).optional(),
  /** Seconds between two scans of the watched folders. */
  INGEST_SCAN_INTERVAL_S: z.coerce.number().int().min(1).max(86_400).default(60),
  /** Id of that Schedule in the Temporal namespace (two deployments sharing a namespace need two). */
  INGEST_SCHEDULE_ID: z.string().regex(/^[\w.-]{1,200}$/, "letters, digits, '.', '_' or '-'").default("dqmflow-ingest-scan"),
  /** Globs of extra MEs ingest keeps for the run page (beyond metrics and certification), comma-separated. */
  INGEST_KEEP_MES: z
    .string()
    .default("")
    .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean)),
  /** Metric configuration folder (YAML/JSON, HDQM INI files under <Subsystem>/); a relative path is taken from the project root. */
  METRICS_CONFIG_DIR: z.string().min(1).default("config/metrics"),
});

/** Addresses that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || h === "::ffff:127.0.0.1" || /^127(\.\d{1,3}){3}$/.test(h);
}

const checkedEnvSchema = envSchema.superRefine((cfg, ctx) => {
  if (cfg.AUTH_MODE === "local" && !isLoopbackHost(cfg.HOST)) {
    ctx.addIssue({
      code: "custom",
      path: ["HOST"],
      message: `'${cfg.HOST}' is reachable from other machines, and in AUTH_MODE=local anyone who reaches the port picks their own role; local mode listens on loopback only (127.0.0.1, ::1, localhost) — set AUTH_MODE=proxy or oidc to serve other addresses`,
    });
  }
});

export type AppConfig = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Validates an environment; throws ConfigError naming every wrong variable. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const result = checkedEnvSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(environment)"}: ${i.message}`);
  throw new ConfigError(`invalid configuration:\n${lines.join("\n")}`);
}

let cached: AppConfig | undefined;

/** The process's configuration, validated once. */
export function config(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
