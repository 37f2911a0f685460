/**
 * Overlays: series from another subsystem, metric or dataset drawn on the trend chart over the
 * same runs and x axis. In the URL each is one `ov` parameter, `<subsystem>:<metric>` (the main
 * series' dataset) or `<subsystem>:<metric>:<primary dataset>:<processing string>`. Parsing is
 * lenient (a malformed entry is left out); app/lib/trends-overlay-problems.ts names what was wrong.
 */
import { seriesLabel } from "../../server/hdqm/series-label";
import { MAX_TREND_OVERLAYS } from "../../server/hdqm/trend-limits";

export interface Overlay {
  subsystem: string;
  metric: string;
  /** null: the main series' dataset and processing string. */
  primaryDataset: string | null;
  processingString: string | null;
}

/** Overlays on one chart (each is one more trend request): the API's limit. */
export const MAX_OVERLAYS = MAX_TREND_OVERLAYS;
export const OVERLAY_KEY = "ov";

const NAME = /^[A-Za-z0-9_+.-]+$/;
const METRIC_NAME = /^[A-Za-z0-9_+-]+$/;

/** One `ov` value as an overlay, or null when it is not `ss:metric` or `ss:metric:pd:ps` of plain names. */
export function parseOverlay(text: string): Overlay | null {
  const parts = text.split(":");
  if (parts.length !== 2 && parts.length !== 4) return null;
  const [subsystem, metric, pd, ps] = parts as [string, string, string?, string?];
  if (!NAME.test(subsystem) || !METRIC_NAME.test(metric)) return null;
  if (parts.length === 4 && (!NAME.test(pd!) || !NAME.test(ps!))) return null;
  return { subsystem, metric, primaryDataset: pd ?? null, processingString: ps ?? null };
}

export function formatOverlay(o: Overlay): string {
  return [o.subsystem, o.metric, ...(o.primaryDataset && o.processingString ? [o.primaryDataset, o.processingString] : [])].join(":");
}

/** The URL's overlays, in order, without repeats, at most MAX_OVERLAYS. */
export function parseOverlays(p: URLSearchParams): Overlay[] {
  const out: Overlay[] = [];
  for (const text of p.getAll(OVERLAY_KEY)) {
    const o = parseOverlay(text);
    if (o && !out.some((x) => formatOverlay(x) === formatOverlay(o))) out.push(o);
  }
  return out.slice(0, MAX_OVERLAYS);
}

/** The dataset an overlay reads: its own, else the main series'. */
export function overlayDataset<T extends string | null>(o: Overlay, main: { primaryDataset: T; processingString: T }): { primaryDataset: string | T; processingString: string | T } {
  return o.primaryDataset !== null && o.processingString !== null ? { primaryDataset: o.primaryDataset, processingString: o.processingString } : { primaryDataset: main.primaryDataset, processingString: main.processingString };
}

/** The name of an overlay's series in the legend, the tooltip and the point details: subsystem, metric and (when its own) dataset. */
export function overlayLabel(o: Overlay): string {
  return seriesLabel(o.subsystem, o.metric, o.primaryDataset && o.processingString ? { primaryDataset: o.primaryDataset, processingString: o.processingString } : null);
}
