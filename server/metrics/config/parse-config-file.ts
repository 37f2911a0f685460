import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { parseMetricParams } from "../compute-metric";
import { metricRegistry } from "../registry";
import type { ConfigProblem, ConfigProblemReason } from "./config-error";
import { correlationSchema, groupSchema, metricEntrySchema, metricFileSchema, NAME_PATTERN } from "./file-schema";
import { hdqmMapper } from "./hdqm-mapping";
import { parseIni } from "./ini";
import type { CorrelationGroup, DisplayGroup, MetricCatalog, MetricDefinition } from "./metric-config";
import { parsePyCall } from "./python-literal";

export interface ParsedFile extends MetricCatalog {
  readonly problems: readonly ConfigProblem[];
}

const HDQM_EXPRESSION = /^\s*[A-Za-z_]\w*\.[A-Za-z_]\w*\s*\(/;

/**
 * ME paths: one path per value as HDQM read it (spaces belong to the path, e.g. "MainDiagonal
 * Position"); dqmflow also accepts alternatives separated by commas, tried in order. No leading '/'.
 */
function splitPaths(value: string | readonly string[]): string[] {
  const parts = typeof value === "string" ? value.split(",") : [...value];
  return parts.map((p) => p.trim().replace(/^\/+/, "")).filter((p) => p !== "");
}

/** The reason a declarative entry failed its schema: its name, a missing or unknown key, or a value. */
function entryReason(error: z.ZodError): ConfigProblemReason {
  const first = error.issues[0];
  if (first?.path[0] === "name") return "bad-name";
  if (first?.code === "unrecognized_keys") return "unknown-key";
  if (first?.code === "invalid_type" && first.message.toLowerCase().includes("undefined")) return "missing-key";
  return "bad-value";
}

function issuesOf(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join(".") + ": " : ""}${i.message}`).join("; ");
}

type Resolved =
  | { ok: true; function: string; params: unknown; hdqmFunction?: string }
  | { ok: false; reason: ConfigProblemReason; message: string; function?: string };

/** Turns a `metric` string (registry name or HDQM expression) and params into a validated call. */
function resolveMetric(metric: string, params: Record<string, unknown> | undefined): Resolved {
  let fn = metric.trim();
  let raw: unknown = params ?? {};
  let hdqmFunction: string | undefined;
  if (HDQM_EXPRESSION.test(metric)) {
    if (params) return { ok: false, reason: "bad-parameters", message: "params cannot be combined with an HDQM expression in metric" };
    let call;
    try {
      call = parsePyCall(metric);
    } catch (e) {
      return { ok: false, reason: "bad-parameters", message: `metric '${metric}': ${(e as Error).message}` };
    }
    hdqmFunction = `${call.module}.${call.name}`;
    const mapper = hdqmMapper(call);
    if (!mapper) return { ok: false, reason: "unknown-function", function: hdqmFunction, message: `metric '${metric}': HDQM metric ${hdqmFunction} has no equivalent here` };
    try {
      const mapped = mapper();
      fn = mapped.function;
      raw = mapped.params;
    } catch (e) {
      return { ok: false, reason: "bad-parameters", message: `metric '${metric}': ${(e as Error).message}` };
    }
  } else if (!(fn in metricRegistry)) {
    return { ok: false, reason: "unknown-function", function: fn, message: `metric '${metric}': unknown metric function (known: ${Object.keys(metricRegistry).join(", ")})` };
  }
  const parsed = parseMetricParams(fn, raw);
  if (!parsed.ok) return { ok: false, reason: "bad-parameters", message: `metric '${metric}': ${parsed.issues.join("; ")}` };
  return { ok: true, function: fn, params: parsed.params, ...(hdqmFunction ? { hdqmFunction } : {}) };
}

function problemOf(file: string, subsystem: string, entry: string, r: { reason: ConfigProblemReason; message: string; function?: string }): ConfigProblem {
  return { file, subsystem, entry, reason: r.reason, message: r.message, ...(r.function ? { function: r.function } : {}) };
}

/** Parses a YAML or JSON per-subsystem file; `file` is only used to name it in problems. */
export function parseDeclarativeFile(file: string, text: string, format: "yaml" | "json"): ParsedFile {
  const problems: ConfigProblem[] = [];
  const empty = { metrics: [], groups: [], correlations: [], problems };
  let doc: unknown;
  try {
    doc = format === "json" ? JSON.parse(text) : parseYaml(text, { uniqueKeys: true });
  } catch (e) {
    problems.push({ file, reason: "unreadable-file", message: `not valid ${format.toUpperCase()}: ${(e as Error).message}` });
    return empty;
  }
  const top = metricFileSchema.safeParse(doc);
  if (!top.success) {
    problems.push({ file, reason: "unreadable-file", message: issuesOf(top.error) });
    return empty;
  }
  const { subsystem } = top.data;
  const entryName = (raw: unknown, index: number, kind: string) =>
    typeof raw === "object" && raw !== null && typeof (raw as { name?: unknown }).name === "string" ? (raw as { name: string }).name : `${kind} #${index + 1}`;

  const metrics: MetricDefinition[] = [];
  top.data.metrics.forEach((raw, index) => {
    const entry = entryName(raw, index, "metric");
    const parsed = metricEntrySchema.safeParse(raw);
    if (!parsed.success) return problems.push({ file, subsystem, entry, reason: entryReason(parsed.error), message: issuesOf(parsed.error) });
    const e = parsed.data;
    const resolved = resolveMetric(e.metric, e.params);
    if (!resolved.ok) return problems.push(problemOf(file, subsystem, entry, resolved));
    const metric = { function: resolved.function, params: resolved.params };
    const hdqmFunction = resolved.hdqmFunction;
    metrics.push({
      subsystem,
      name: e.name,
      file,
      relativePath: splitPaths(e.relativePath),
      ...(e.histo1Path ? { histo1Path: splitPaths(e.histo1Path) } : {}),
      ...(e.histo2Path ? { histo2Path: splitPaths(e.histo2Path) } : {}),
      ...(e.reference ? { reference: splitPaths(e.reference) } : {}),
      metric,
      ...(hdqmFunction ? { hdqmFunction } : {}),
      plotTitle: e.plotTitle ?? e.yTitle,
      yTitle: e.yTitle,
      ...(e.threshold !== undefined ? { threshold: e.threshold } : {}),
      ...(e.checks ? { checks: e.checks } : {}),
    });
  });

  const groups: DisplayGroup[] = [];
  top.data.groups.forEach((raw, index) => {
    const parsed = groupSchema.safeParse(raw);
    if (!parsed.success) return problems.push({ file, subsystem, entry: entryName(raw, index, "group"), reason: entryReason(parsed.error), message: issuesOf(parsed.error) });
    groups.push({ subsystem, file, ...parsed.data });
  });
  const correlations: CorrelationGroup[] = [];
  top.data.correlations.forEach((raw, index) => {
    const parsed = correlationSchema.safeParse(raw);
    if (!parsed.success) return problems.push({ file, subsystem, entry: entryName(raw, index, "correlation"), reason: entryReason(parsed.error), message: issuesOf(parsed.error) });
    correlations.push({ subsystem, file, ...parsed.data });
  });
  return { metrics, groups, correlations, problems };
}

const INI_KEYS = new Set(["metric", "relativepath", "histo1path", "histo2path", "reference", "plottitle", "ytitle", "threshold", "runoffset"]);

/**
 * Parses an HDQM INI file as HDQM read it (backend/dqm_extractor.py, read_cfgs): `[plot:name]`
 * sections, metric, relativePath and yTitle required; the folder names the subsystem. Each bad
 * section is reported and skipped; the others load.
 */
export function parseHdqmIni(file: string, text: string, subsystem: string): ParsedFile {
  const problems: ConfigProblem[] = [];
  const metrics: MetricDefinition[] = [];
  const { sections, strayLines } = parseIni(text);
  for (const message of strayLines) problems.push({ file, reason: "unreadable-file", message });
  for (const section of sections) {
    const named = /^plot:(.*)$/.exec(section.name);
    if (!named) {
      problems.push({ file, subsystem, entry: section.name, reason: "not-a-plot-section", message: `line ${section.line}: sections must be [plot:name]` });
      continue;
    }
    const name = (named[1] ?? "").trim();
    const v = section.values;
    const fail = (reason: ConfigProblemReason, message: string) => void problems.push({ file, subsystem, entry: name, reason, message });
    if (!NAME_PATTERN.test(name)) {
      fail("bad-name", "names may use only letters, digits, _, + and -");
      continue;
    }
    if (section.badLines.length) {
      fail("bad-value", section.badLines.join("; "));
      continue;
    }
    if (section.duplicateKeys.length) {
      fail("bad-value", `keys given twice: ${section.duplicateKeys.join(", ")}`);
      continue;
    }
    const missing = ["metric", "relativePath", "yTitle"].filter((k) => !v.get(k.toLowerCase()));
    if (missing.length) {
      fail("missing-key", `${missing.join(", ")} ${missing.length > 1 ? "are" : "is"} required`);
      continue;
    }
    const unknown = [...v.keys()].filter((k) => !INI_KEYS.has(k));
    if (unknown.length) {
      fail("unknown-key", `unknown keys: ${unknown.join(", ")}`);
      continue;
    }
    const thresholdText = v.get("threshold");
    const threshold = thresholdText === undefined || thresholdText === "" ? undefined : Number(thresholdText);
    if (threshold !== undefined && !Number.isFinite(threshold)) {
      fail("bad-value", `threshold '${thresholdText}' is not a number`);
      continue;
    }
    const resolved = resolveMetric(v.get("metric") ?? "", undefined);
    if (!resolved.ok) {
      problems.push(problemOf(file, subsystem, name, resolved));
      continue;
    }
    const metric = { function: resolved.function, params: resolved.params };
    const hdqmFunction = resolved.hdqmFunction;
    const opt = (key: string, out: string) => {
      const value = v.get(key);
      return value ? { [out]: splitPaths(value) } : {};
    };
    const yTitle = v.get("ytitle") ?? "";
    metrics.push({
      subsystem,
      name,
      file,
      relativePath: splitPaths(v.get("relativepath") ?? ""),
      ...opt("histo1path", "histo1Path"),
      ...opt("histo2path", "histo2Path"),
      ...opt("reference", "reference"),
      metric,
      ...(hdqmFunction ? { hdqmFunction } : {}),
      plotTitle: v.get("plottitle") || yTitle,
      yTitle,
      ...(threshold !== undefined ? { threshold } : {}),
    });
  }
  return { metrics, groups: [], correlations: [], problems };
}
