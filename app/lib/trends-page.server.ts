/**
 * What the trend page's loader fetches for a view: the selection tree, then — in parallel — the
 * trend, the run quantity, the correlation and the open point's details, each with its own
 * error so one failing part never blanks the page.
 */
import { TRPCError } from "@trpc/server";
import type { serverCaller } from "../trpc.server";
import type { RunChoice, TrendView } from "./trends-url";
import { resolveView } from "./trends-view";

type Api = ReturnType<typeof serverCaller>;

export type Outcome<T> = { ok: true; data: T } | { ok: false; error: string };

async function attempt<T>(f: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, data: await f() };
  } catch (err) {
    if (err instanceof TRPCError && err.code !== "INTERNAL_SERVER_ERROR") return { ok: false, error: err.message };
    throw err;
  }
}

export function selectionOf(runs: RunChoice) {
  switch (runs.kind) {
    case "latest":
      return { kind: "latest" as const, n: runs.n };
    case "range":
      return { kind: "range" as const, from: runs.from, to: runs.to };
    case "list":
      return { kind: "list" as const, runs: runs.runs };
    case "golden":
      return { kind: "golden" as const, json: runs.json };
  }
}

export async function loadTrendPage(api: Api, asked: TrendView) {
  const tree = await api.trends.tree();
  const view = resolveView(asked, tree);
  const { subsystem, primaryDataset, processingString } = view;
  if (!subsystem || !primaryDataset || !processingString) return { tree, view, trendInput: null, trend: null, quantity: null, correlation: null, details: null };
  const scope = { primaryDataset, processingString, selection: selectionOf(view.runs), includeNonSignificant: view.includeAll };
  const trendInput = view.metrics.length ? { ...scope, subsystem, metrics: view.metrics, xAxis: view.xAxis } : null;
  const point = view.point;
  const [trend, quantity, correlation, details] = await Promise.all([
    trendInput ? attempt(() => api.trends.series(trendInput)) : null,
    view.quantity ? attempt(() => api.trends.runQuantity({ ...scope, quantity: view.quantity!, xAxis: view.xAxis })) : null,
    view.correlation && view.metrics.length >= 2 ? attempt(() => api.trends.correlation({ ...scope, subsystem, metrics: view.metrics.slice(0, 3) })) : null,
    point
      ? attempt(() =>
          api.trends.pointDetails({ subsystem, metric: point.metric, run: point.run, primaryDataset, processingString, ...(view.referenceRun !== null ? { referenceRun: view.referenceRun } : {}) }),
        )
      : null,
  ]);
  return { tree, view, trendInput, trend, quantity, correlation, details };
}

export type TrendPageData = Awaited<ReturnType<typeof loadTrendPage>>;
