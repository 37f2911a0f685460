import { readdir, readFile } from "node:fs/promises";
import { basename, dirname, extname, join, relative, sep } from "node:path";
import { MetricConfigError, type ConfigProblem } from "./config-error";
import type { MetricCatalog } from "./metric-config";
import { parseDeclarativeFile, parseHdqmIni, type ParsedFile } from "./parse-config-file";

/** Merges parsed files and checks what spans files: unique names per subsystem, known series. */
export function buildCatalog(files: readonly ParsedFile[]): MetricCatalog {
  const problems: ConfigProblem[] = files.flatMap((f) => f.problems);
  const metrics = files.flatMap((f) => f.metrics);
  const groups = files.flatMap((f) => f.groups);
  const correlations = files.flatMap((f) => f.correlations);

  // HDQM: plot and group names are unique within a subsystem.
  const seen = new Map<string, string>();
  for (const item of [...metrics, ...groups, ...correlations]) {
    const key = `${item.subsystem}/${item.name}`;
    const first = seen.get(key);
    if (first) problems.push({ file: item.file, entry: item.name, message: `name already used in ${item.subsystem} (${first})` });
    else seen.set(key, item.file);
  }
  const known = new Set(metrics.map((m) => `${m.subsystem}/${m.name}`));
  for (const g of [...groups, ...correlations]) {
    const missing = g.series.filter((s) => !known.has(`${g.subsystem}/${s}`));
    if (missing.length) problems.push({ file: g.file, entry: g.name, message: `unknown series in ${g.subsystem}: ${missing.join(", ")}` });
  }
  if (problems.length) throw new MetricConfigError(problems);
  return { metrics, groups, correlations };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : Promise.resolve(e.isFile() ? [join(dir, e.name)] : []))),
  );
  return nested.flat().sort();
}

/**
 * Loads every metric config under `dir`: `*.yaml`/`*.yml`/`*.json` declare their subsystem;
 * HDQM `*.ini` files take it from their folder (`<dir>/<Subsystem>/*.ini`, as in HDQM's cfg/).
 * Throws MetricConfigError listing every problem by file and entry.
 */
export async function loadMetricConfigs(dir: string): Promise<MetricCatalog> {
  const parsed: ParsedFile[] = [];
  for (const path of await listFiles(dir)) {
    const file = relative(dir, path);
    const ext = extname(path).toLowerCase();
    if (![".yaml", ".yml", ".json", ".ini"].includes(ext)) continue;
    const text = await readFile(path, "utf8");
    if (ext === ".ini") {
      const folder = dirname(file);
      if (folder === "." || folder.includes(sep)) {
        parsed.push({ metrics: [], groups: [], correlations: [], problems: [{ file, message: "HDQM INI files go in a folder named after their subsystem, one level down" }] });
        continue;
      }
      parsed.push(parseHdqmIni(file, text, basename(folder)));
    } else {
      parsed.push(parseDeclarativeFile(file, text, ext === ".json" ? "json" : "yaml"));
    }
  }
  return buildCatalog(parsed);
}
