/**
 * The trend browser's whole view as URL search parameters, so any view can be shared: parse is
 * lenient (a bad value falls back to its default; app/lib/trends-view.ts names what was wrong to
 * the user), serialize writes only what differs from the defaults so links stay short. Golden JSONs travel compactly: `306134.1-50.60-80_306135.1-20`.
 */
import { xAxes, type XAxis } from "../../server/hdqm/x-axis";
import { SELECTION_CODE } from "../../server/selections/selection-code";
import { formatOverlay, type Overlay, OVERLAY_KEY, parseOverlays } from "./trends-overlays";

/** The trend x axes: the server's list, so page, API and e2e cannot drift apart. */
export const trendXAxes = xAxes;
export type TrendXAxisName = XAxis;

export const trendQuantities = ["recordedLumi", "deliveredLumi", "durationS", "fill", "certifiedFraction"] as const;
export type TrendQuantityName = (typeof trendQuantities)[number];

export type GoldenRanges = Record<string, [number, number][]>;

export type RunChoice =
  | { kind: "latest"; n: number }
  | { kind: "range"; from: number; to: number }
  | { kind: "list"; runs: number[] }
  /** `stored`: the code of a golden JSON kept server-side (too long for a URL); the loader fills `json`. */
  | { kind: "golden"; json: GoldenRanges; stored?: string };

export interface TrendView {
  subsystem: string | null;
  primaryDataset: string | null;
  processingString: string | null;
  metrics: string[];
  /** Series from other subsystems, metrics or datasets drawn on the same chart (app/lib/trends-overlays.ts). */
  overlays: Overlay[];
  /** Metric name filter of the metric list. */
  search: string;
  runs: RunChoice;
  xAxis: TrendXAxisName;
  errorBars: boolean;
  fillBands: boolean;
  /** Show runs HDQM calls not significant. */
  includeAll: boolean;
  correlation: boolean;
  quantity: TrendQuantityName | null;
  /** The point whose details are open; `overlay`: the index of the overlay it belongs to (null: a main series). */
  point: { run: number; metric: string; overlay: number | null } | null;
  referenceRun: number | null;
  /** Manual axis ranges (null: automatic); x in the axis' own unit (run, ms since epoch, fill, fb⁻¹ or hours). */
  range: AxisRanges;
  /** Every metric of the subsystem as a grid of small charts. */
  grid: boolean;
  /** The grid's metric shown full screen. */
  fullScreen: string | null;
}

export interface AxisRanges {
  yMin: number | null;
  yMax: number | null;
  xMin: number | null;
  xMax: number | null;
}

export const noRanges: AxisRanges = { yMin: null, yMax: null, xMin: null, xMax: null };
/** URL keys of the axis ranges. */
export const rangeKeys: Record<keyof AxisRanges, string> = { yMin: "ymin", yMax: "ymax", xMin: "xmin", xMax: "xmax" };
/** Parameters the browser applies without asking the server again. */
const VIEW_ONLY_KEYS = ["q", "fs", ...Object.values(rangeKeys)];

export const DEFAULT_LATEST = 500;
/** A golden JSON longer than this (encoded) is stored server-side and the URL carries its code. */
export const MAX_INLINE_GOLDEN = 1500;
export const MAX_RUNS = 20_000;

export const defaultView: TrendView = {
  subsystem: null,
  primaryDataset: null,
  processingString: null,
  metrics: [],
  overlays: [],
  search: "",
  runs: { kind: "latest", n: DEFAULT_LATEST },
  xAxis: "run",
  errorBars: true,
  fillBands: true,
  includeAll: false,
  correlation: false,
  quantity: null,
  point: null,
  referenceRun: null,
  range: noRanges,
  grid: false,
  fullScreen: null,
};

export const METRIC = /^[A-Za-z0-9_+-]+$/;

/** A finite number from the URL, or null (blank or not a number: app/lib/trends-view.ts says which). */
export function finiteNumber(s: string | null): number | null {
  if (s === null || s.trim() === "") return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

function positiveInt(s: string | null): number | null {
  if (s === null || !/^\d{1,9}$/.test(s.trim())) return null;
  const n = Number(s.trim());
  return n > 0 ? n : null;
}

/** Run numbers from free text: separators are commas, spaces, underscores or new lines. */
export function parseRunList(text: string): number[] {
  const out = new Set<number>();
  for (const tok of text.split(/[\s,;_]+/)) {
    const n = positiveInt(tok);
    if (n !== null) out.add(n);
  }
  return [...out].sort((a, b) => a - b).slice(0, MAX_RUNS);
}

/** The pieces of a typed run list that are not run numbers (empty when all are). */
export function runListJunk(text: string): string[] {
  return text.split(/[\s,;_]+/).filter((tok) => tok !== "" && positiveInt(tok) === null);
}

export function encodeGolden(json: GoldenRanges): string {
  return Object.keys(json)
    .sort((a, b) => Number(a) - Number(b))
    .map((run) => [run, ...(json[run] ?? []).map(([a, b]) => `${a}-${b}`)].join("."))
    .join("_");
}

export function decodeGolden(text: string): GoldenRanges | null {
  const json: GoldenRanges = {};
  for (const part of text.split("_")) {
    const [run, ...ranges] = part.split(".");
    if (positiveInt(run ?? null) === null) return null;
    const parsed: [number, number][] = [];
    for (const r of ranges) {
      const m = /^(\d+)-(\d+)$/.exec(r);
      if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) return null;
      parsed.push([Number(m[1]), Number(m[2])]);
    }
    json[String(Number(run))] = parsed;
  }
  return Object.keys(json).length ? json : null;
}

/** Validates an uploaded golden JSON's shape; returns a message naming the problem otherwise. */
export function readGoldenJson(text: string): GoldenRanges | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "the file is not JSON";
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return 'a golden JSON is an object {"<run>": [[first, last], …]}';
  const out: GoldenRanges = {};
  for (const [run, ranges] of Object.entries(value as Record<string, unknown>)) {
    if (!/^\d+$/.test(run)) return `"${run}" is not a run number`;
    if (!Array.isArray(ranges)) return `run ${run}: expected a list of [first, last] ranges`;
    const list: [number, number][] = [];
    for (const r of ranges as unknown[]) {
      if (!Array.isArray(r) || r.length !== 2 || !r.every((x) => Number.isInteger(x) && (x as number) >= 1) || (r[0] as number) > (r[1] as number)) return `run ${run}: ${JSON.stringify(r)} is not a range [first, last] of lumisections`;
      list.push([r[0] as number, r[1] as number]);
    }
    out[run] = list;
  }
  if (Object.keys(out).length === 0) return "the golden JSON lists no runs";
  if (Object.keys(out).length > MAX_RUNS) return `at most ${MAX_RUNS} runs`;
  return out;
}

function flag(p: URLSearchParams, key: string, dflt: boolean): boolean {
  const v = p.get(key);
  return v === "1" ? true : v === "0" ? false : dflt;
}

function parseRuns(p: URLSearchParams): RunChoice {
  switch (p.get("sel")) {
    case "range": {
      const from = positiveInt(p.get("from"));
      const to = positiveInt(p.get("to"));
      if (from !== null && to !== null) return { kind: "range", from: Math.min(from, to), to: Math.max(from, to) };
      break;
    }
    case "list": {
      const runs = parseRunList(p.get("list") ?? "");
      if (runs.length) return { kind: "list", runs };
      break;
    }
    case "golden": {
      const stored = p.get("gs");
      if (stored && SELECTION_CODE.test(stored)) return { kind: "golden", json: {}, stored };
      const json = decodeGolden(p.get("g") ?? "");
      if (json) return { kind: "golden", json };
      break;
    }
  }
  const n = positiveInt(p.get("n"));
  return { kind: "latest", n: n === null ? DEFAULT_LATEST : Math.min(n, MAX_RUNS) };
}

export function parseTrendView(p: URLSearchParams): TrendView {
  const metrics = [...new Set(p.getAll("m").flatMap((m) => m.split(",")).filter((m) => METRIC.test(m)))].slice(0, 10);
  const x = p.get("x");
  const rq = p.get("rq");
  const pt = positiveInt(p.get("pt"));
  const pm = p.get("pm");
  const overlays = parseOverlays(p);
  const po = positiveInt(p.get("po"));
  return {
    subsystem: p.get("ss") || null,
    primaryDataset: p.get("pd") || null,
    processingString: p.get("ps") || null,
    metrics,
    overlays,
    search: p.get("q") ?? "",
    runs: parseRuns(p),
    xAxis: (xAxes as readonly string[]).includes(x ?? "") ? (x as XAxis) : "run",
    errorBars: flag(p, "eb", defaultView.errorBars),
    fillBands: flag(p, "fb", defaultView.fillBands),
    includeAll: flag(p, "all", defaultView.includeAll),
    correlation: flag(p, "corr", defaultView.correlation),
    quantity: (trendQuantities as readonly string[]).includes(rq ?? "") ? (rq as TrendQuantityName) : null,
    point: pt !== null && pm && METRIC.test(pm) ? { run: pt, metric: pm, overlay: po !== null && po <= overlays.length ? po - 1 : null } : null,
    referenceRun: positiveInt(p.get("ref")),
    range: { yMin: finiteNumber(p.get("ymin")), yMax: finiteNumber(p.get("ymax")), xMin: finiteNumber(p.get("xmin")), xMax: finiteNumber(p.get("xmax")) },
    grid: flag(p, "grid", false),
    fullScreen: p.get("fs") && METRIC.test(p.get("fs")!) ? p.get("fs") : null,
  };
}

export function serializeTrendView(v: TrendView): URLSearchParams {
  const p = new URLSearchParams();
  if (v.subsystem) p.set("ss", v.subsystem);
  if (v.primaryDataset) p.set("pd", v.primaryDataset);
  if (v.processingString) p.set("ps", v.processingString);
  if (v.metrics.length) p.set("m", v.metrics.join(","));
  for (const o of v.overlays) p.append(OVERLAY_KEY, formatOverlay(o));
  switch (v.runs.kind) {
    case "latest":
      if (v.runs.n !== DEFAULT_LATEST) p.set("n", String(v.runs.n));
      break;
    case "range":
      p.set("sel", "range");
      p.set("from", String(v.runs.from));
      p.set("to", String(v.runs.to));
      break;
    case "list":
      p.set("sel", "list");
      p.set("list", v.runs.runs.join("_"));
      break;
    case "golden":
      p.set("sel", "golden");
      if (v.runs.stored) p.set("gs", v.runs.stored);
      else p.set("g", encodeGolden(v.runs.json));
      break;
  }
  if (v.xAxis !== "run") p.set("x", v.xAxis);
  if (v.errorBars !== defaultView.errorBars) p.set("eb", v.errorBars ? "1" : "0");
  if (v.fillBands !== defaultView.fillBands) p.set("fb", v.fillBands ? "1" : "0");
  if (v.includeAll) p.set("all", "1");
  if (v.correlation) p.set("corr", "1");
  if (v.quantity) p.set("rq", v.quantity);
  if (v.point) {
    p.set("pt", String(v.point.run));
    p.set("pm", v.point.metric);
    if (v.point.overlay !== null) p.set("po", String(v.point.overlay + 1));
  }
  if (v.referenceRun !== null) p.set("ref", String(v.referenceRun));
  for (const [k, key] of Object.entries(rangeKeys) as [keyof AxisRanges, string][]) {
    const value = v.range[k];
    if (value !== null) p.set(key, String(value));
  }
  if (v.grid) p.set("grid", "1");
  if (v.fullScreen) p.set("fs", v.fullScreen);
  if (v.search) p.set("q", v.search);
  return p;
}

/** The search parameters that change what the server must fetch (all but the metric filter, axis ranges and full-screen choice). */
export function dataKey(p: URLSearchParams): string {
  const copy = new URLSearchParams(p);
  for (const k of VIEW_ONLY_KEYS) copy.delete(k);
  copy.sort();
  return copy.toString();
}
