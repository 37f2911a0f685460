import { readdir, readFile } from "node:fs/promises";
import { basename, dirname, extname, join, relative, sep } from "node:path";
import type { ConfigProblem } from "./config-error";
import type { MetricCatalog } from "./metric-config";
import { parseDeclarativeFile, parseHdqmIni, type ParsedFile } from "./parse-config-file";

/** A catalogue with what was refused on the way: every bad entry is reported and skipped. */
export interface LoadedCatalog extends MetricCatalog {
  readonly problems: readonly ConfigProblem[];
}

/** Per-file counts for `dqmflow metrics check`. */
export interface FileSummary {
  readonly file: string;
  readonly accepted: number;
  readonly refused: number;
}

export interface MetricConfigReport {
  readonly catalog: LoadedCatalog;
  readonly files: readonly FileSummary[];
}

/**
 * Merges parsed files and checks what spans files. Names are unique within a subsystem: as in
 * HDQM (dqm_extractor.py read_cfgs), every copy of a repeated name is dropped and reported, not
 * just the later one. A group or correlation naming a series that did not load is dropped too.
 */
export function buildCatalog(files: readonly ParsedFile[]): LoadedCatalog {
  const problems: ConfigProblem[] = files.flatMap((f) => f.problems);
  const all = files.flatMap((f) => [...f.metrics, ...f.groups, ...f.correlations]);
  const where = new Map<string, string[]>();
  for (const item of all) {
    const key = `${item.subsystem}/${item.name}`;
    where.set(key, [...(where.get(key) ?? []), item.file]);
  }
  const unique = <T extends { subsystem: string; name: string; file: string }>(item: T): boolean => {
    const files = where.get(`${item.subsystem}/${item.name}`) ?? [];
    if (files.length === 1) return true;
    problems.push({ file: item.file, subsystem: item.subsystem, entry: item.name, reason: "duplicate-name", message: `name used ${files.length} times in ${item.subsystem} (${files.join(", ")}); every copy is dropped` });
    return false;
  };
  const metrics = files.flatMap((f) => f.metrics).filter(unique);
  const known = new Set(metrics.map((m) => `${m.subsystem}/${m.name}`));
  const seriesKnown = <T extends { subsystem: string; name: string; file: string; series: readonly string[] }>(g: T): boolean => {
    const missing = g.series.filter((s) => !known.has(`${g.subsystem}/${s}`));
    if (missing.length === 0) return true;
    problems.push({ file: g.file, subsystem: g.subsystem, entry: g.name, reason: "unknown-series", message: `unknown series in ${g.subsystem}: ${missing.join(", ")}` });
    return false;
  };
  const groups = files.flatMap((f) => f.groups).filter(unique).filter(seriesKnown);
  const correlations = files.flatMap((f) => f.correlations).filter(unique).filter(seriesKnown);
  return { metrics, groups, correlations, problems };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : Promise.resolve(e.isFile() ? [join(dir, e.name)] : []))),
  );
  return nested.flat().sort();
}

/**
 * Reads every metric config under `dir`: `*.yaml`/`*.yml`/`*.json` declare their subsystem;
 * HDQM `*.ini` files take it from their folder (`<dir>/<Subsystem>/*.ini`, as in HDQM's cfg/).
 * Never throws for a bad entry or file: those are in `catalog.problems` and the rest loads.
 */
export async function loadMetricConfigReport(dir: string): Promise<MetricConfigReport> {
  const parsed: ParsedFile[] = [];
  const names: string[] = [];
  for (const path of await listFiles(dir)) {
    const file = relative(dir, path);
    const ext = extname(path).toLowerCase();
    if (![".yaml", ".yml", ".json", ".ini"].includes(ext)) continue;
    names.push(file);
    const text = await readFile(path, "utf8");
    if (ext === ".ini") {
      const folder = dirname(file);
      if (folder === "." || folder.includes(sep)) {
        parsed.push({ metrics: [], groups: [], correlations: [], problems: [{ file, reason: "misplaced-file", message: "HDQM INI files go in a folder named after their subsystem, one level down" }] });
        continue;
      }
      parsed.push(parseHdqmIni(file, text, basename(folder)));
    } else {
      parsed.push(parseDeclarativeFile(file, text, ext === ".json" ? "json" : "yaml"));
    }
  }
  const catalog = buildCatalog(parsed);
  const count = (items: readonly { file: string }[], file: string) => items.filter((i) => i.file === file).length;
  const files = names.map((file) => ({
    file,
    accepted: count(catalog.metrics, file) + count(catalog.groups, file) + count(catalog.correlations, file),
    refused: count(catalog.problems, file),
  }));
  return { catalog, files };
}

/** The catalogue of `dir`, with every refused entry listed in `problems` (see loadMetricConfigReport). */
export async function loadMetricConfigs(dir: string): Promise<LoadedCatalog> {
  return (await loadMetricConfigReport(dir)).catalog;
}
