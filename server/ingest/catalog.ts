/** The metric catalog ingest computes, loaded once per process from config/metrics/. */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadMetricConfigs, type MetricCatalog } from "../metrics/index";

export const defaultMetricConfigDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../config/metrics");

const cache = new Map<string, Promise<MetricCatalog>>();

/** Loads (once) the catalog of `dir`; a config error is thrown again on every call, not cached away. */
export function metricCatalog(dir = defaultMetricConfigDir): Promise<MetricCatalog> {
  let p = cache.get(dir);
  if (!p) {
    p = loadMetricConfigs(dir);
    p.catch(() => cache.delete(dir));
    cache.set(dir, p);
  }
  return p;
}
