/** The metric catalog ingest computes, loaded once per process from METRICS_CONFIG_DIR (config/metrics/). */
import path from "node:path";
import { config } from "../config/config";
import { loadMetricConfigs, type LoadedCatalog } from "../metrics/index";
import { projectRoot } from "../project-root";

/** METRICS_CONFIG_DIR, a relative path taken from the project root. */
export function metricConfigDir(): string {
  return path.resolve(projectRoot(), config().METRICS_CONFIG_DIR);
}

const cache = new Map<string, Promise<LoadedCatalog>>();

/**
 * Loads (once) the catalog of `dir`. Bad entries are skipped, not fatal: they are in the
 * catalog's `problems` and summarised on stderr (`dqmflow metrics check DIR` lists them).
 */
export function metricCatalog(dir = metricConfigDir()): Promise<LoadedCatalog> {
  let p = cache.get(dir);
  if (!p) {
    p = loadMetricConfigs(dir).then((catalog) => {
      if (catalog.problems.length) console.warn(`metric configs in ${dir}: ${catalog.problems.length} entries refused; see \`dqmflow metrics check ${dir}\``);
      return catalog;
    });
    p.catch(() => cache.delete(dir));
    cache.set(dir, p);
  }
  return p;
}
