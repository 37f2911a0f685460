import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { parseMetricParams } from "../compute-metric";
import type { ConfigProblem } from "./config-error";
import { correlationSchema, groupSchema, metricEntrySchema, metricFileSchema, NAME_PATTERN } from "./file-schema";
import { mapHdqmCall } from "./hdqm-mapping";
import { parseIni } from "./ini";
import type { CorrelationGroup, DisplayGroup, MetricCatalog, MetricDefinition } from "./metric-config";
import { parsePyCall } from "./python-literal";

export interface ParsedFile extends MetricCatalog {
  readonly problems: readonly ConfigProblem[];
}

const HDQM_EXPRESSION = /^\s*[A-Za-z_]\w*\.[A-Za-z_]\w*\s*\(/;

/** ME paths with HDQM's conventions: alternatives separated by commas or spaces, no leading '/'. */
function splitPaths(value: string | readonly string[], splitSpaces: boolean): string[] {
  const parts = typeof value === "string" ? value.split(splitSpaces ? /[,\s]+/ : /,/) : [...value];
  return parts.map((p) => p.trim().replace(/^\/+/, "")).filter((p) => p !== "");
}

function issuesOf(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join(".") + ": " : ""}${i.message}`).join("; ");
}

/** Turns a `metric` string (registry name or HDQM expression) and params into a validated call. */
function resolveMetric(metric: string, params: Record<string, unknown> | undefined): { function: string; params: unknown } | string {
  let fn = metric.trim();
  let raw: unknown = params ?? {};
  if (HDQM_EXPRESSION.test(metric)) {
    if (params) return "params cannot be combined with an HDQM expression in metric";
    try {
      const mapped = mapHdqmCall(parsePyCall(metric));
      fn = mapped.function;
      raw = mapped.params;
    } catch (e) {
      return `metric '${metric}': ${(e as Error).message}`;
    }
  }
  const parsed = parseMetricParams(fn, raw);
  if (!parsed.ok) return `metric '${metric}': ${parsed.issues.join("; ")}`;
  return { function: fn, params: parsed.params };
}

/** Parses a YAML or JSON per-subsystem file; `file` is only used to name it in problems. */
export function parseDeclarativeFile(file: string, text: string, format: "yaml" | "json"): ParsedFile {
  const problems: ConfigProblem[] = [];
  const empty = { metrics: [], groups: [], correlations: [], problems };
  let doc: unknown;
  try {
    doc = format === "json" ? JSON.parse(text) : parseYaml(text, { uniqueKeys: true });
  } catch (e) {
    problems.push({ file, message: `not valid ${format.toUpperCase()}: ${(e as Error).message}` });
    return empty;
  }
  const top = metricFileSchema.safeParse(doc);
  if (!top.success) {
    problems.push({ file, message: issuesOf(top.error) });
    return empty;
  }
  const { subsystem } = top.data;
  const entryName = (raw: unknown, index: number, kind: string) =>
    typeof raw === "object" && raw !== null && typeof (raw as { name?: unknown }).name === "string" ? (raw as { name: string }).name : `${kind} #${index + 1}`;

  const metrics: MetricDefinition[] = [];
  top.data.metrics.forEach((raw, index) => {
    const entry = entryName(raw, index, "metric");
    const parsed = metricEntrySchema.safeParse(raw);
    if (!parsed.success) return problems.push({ file, entry, message: issuesOf(parsed.error) });
    const e = parsed.data;
    const metric = resolveMetric(e.metric, e.params);
    if (typeof metric === "string") return problems.push({ file, entry, message: metric });
    metrics.push({
      subsystem,
      name: e.name,
      file,
      relativePath: splitPaths(e.relativePath, false),
      ...(e.histo1Path ? { histo1Path: splitPaths(e.histo1Path, false) } : {}),
      ...(e.histo2Path ? { histo2Path: splitPaths(e.histo2Path, false) } : {}),
      ...(e.reference ? { reference: splitPaths(e.reference, false) } : {}),
      metric,
      plotTitle: e.plotTitle ?? e.yTitle,
      yTitle: e.yTitle,
      ...(e.threshold !== undefined ? { threshold: e.threshold } : {}),
      ...(e.checks ? { checks: e.checks } : {}),
    });
  });

  const groups: DisplayGroup[] = [];
  top.data.groups.forEach((raw, index) => {
    const parsed = groupSchema.safeParse(raw);
    if (!parsed.success) return problems.push({ file, entry: entryName(raw, index, "group"), message: issuesOf(parsed.error) });
    groups.push({ subsystem, file, ...parsed.data });
  });
  const correlations: CorrelationGroup[] = [];
  top.data.correlations.forEach((raw, index) => {
    const parsed = correlationSchema.safeParse(raw);
    if (!parsed.success) return problems.push({ file, entry: entryName(raw, index, "correlation"), message: issuesOf(parsed.error) });
    correlations.push({ subsystem, file, ...parsed.data });
  });
  return { metrics, groups, correlations, problems };
}

const INI_KEYS = new Set(["metric", "relativepath", "histo1path", "histo2path", "reference", "plottitle", "ytitle", "threshold", "runoffset"]);

/** Parses an HDQM INI file as HDQM wrote them: `[plot:name]` sections; the folder names the subsystem. */
export function parseHdqmIni(file: string, text: string, subsystem: string): ParsedFile {
  const problems: ConfigProblem[] = [];
  const metrics: MetricDefinition[] = [];
  let sections;
  try {
    sections = parseIni(text);
  } catch (e) {
    problems.push({ file, message: (e as Error).message });
    return { metrics, groups: [], correlations: [], problems };
  }
  for (const section of sections) {
    const entry = section.name;
    const named = /^plot:(.+)$/.exec(section.name);
    if (!named) {
      problems.push({ file, entry, message: `line ${section.line}: sections must be [plot:name]` });
      continue;
    }
    const name = (named[1] ?? "").trim();
    const v = section.values;
    const fail = (message: string) => problems.push({ file, entry: name, message });
    if (!NAME_PATTERN.test(name)) {
      fail("names may use only letters, digits, _, + and -");
      continue;
    }
    const unknown = [...v.keys()].filter((k) => !INI_KEYS.has(k));
    if (unknown.length) fail(`unknown keys: ${unknown.join(", ")}`);
    const metricText = v.get("metric");
    const relativePath = v.get("relativepath");
    const yTitle = v.get("ytitle");
    if (!metricText) fail("metric is required");
    if (!relativePath) fail("relativePath is required");
    if (!yTitle) fail("yTitle is required");
    const thresholdText = v.get("threshold");
    const threshold = thresholdText === undefined ? undefined : Number(thresholdText);
    if (threshold !== undefined && !Number.isFinite(threshold)) fail(`threshold '${thresholdText}' is not a number`);
    if (!metricText || !relativePath || !yTitle || unknown.length || (threshold !== undefined && !Number.isFinite(threshold))) continue;
    const metric = resolveMetric(metricText, undefined);
    if (typeof metric === "string") {
      fail(metric);
      continue;
    }
    const opt = (key: string, out: string) => {
      const value = v.get(key);
      return value ? { [out]: splitPaths(value, true) } : {};
    };
    metrics.push({
      subsystem,
      name,
      file,
      relativePath: splitPaths(relativePath, true),
      ...opt("histo1path", "histo1Path"),
      ...opt("histo2path", "histo2Path"),
      ...opt("reference", "reference"),
      metric,
      plotTitle: v.get("plottitle") ?? yTitle,
      yTitle,
      ...(threshold !== undefined ? { threshold } : {}),
    });
  }
  return { metrics, groups: [], correlations: [], problems };
}
