import type { Histogram } from "../../histograms/histogram";
import { content, require2D } from "../histogram-access";
import { MetricError } from "../metric-error";
import type { MetricResult } from "../metric-types";
import rbxMap from "./rbx-map.json";

/**
 * HCAL readout-box (RBX) metrics after HDQM's backend/metrics/hcal_metrics.py (RBXMean,
 * RBXCountNonZeroChan). The channel map, RBX name → (ieta bin, iphi bin, depth), is HDQM's
 * `hcal_map` (from HCAL's 2020 logical map), extracted to rbx-map.json by
 * scripts/vectors/hcal_rbx_map_metrics.py. The ME, histo1 and histo2 are the ieta × iphi maps of
 * the first, second and third depth listed in the metric.
 */

type Channel = readonly [number, number, number];
const channels: Readonly<Record<string, readonly Channel[]>> = rbxMap as unknown as Record<string, readonly Channel[]>;

export function isKnownRbx(name: string): boolean {
  return name in channels;
}

export interface DepthMaps {
  readonly main: Histogram;
  readonly histo1?: Histogram | undefined;
  readonly histo2?: Histogram | undefined;
}

/**
 * The RBX's channels whose depth is listed, each read from its depth's map, kept when non-zero.
 * As HDQM: channels outside ieta 1..84 or iphi 1..72 are ignored.
 */
function nonZeroChannels(rbx: string, depths: readonly number[], maps: DepthMaps, metric: string): number[] {
  const byIndex = [maps.main, maps.histo1, maps.histo2];
  const values: number[] = [];
  for (const [eta, phi, depth] of channels[rbx] ?? []) {
    const index = depths.indexOf(depth);
    if (index < 0 || !(eta > 0 && eta < 85 && phi > 0 && phi < 73)) continue;
    const map = byIndex[index];
    if (!map) throw new MetricError("missing-input", `${metric} needs the map of depth ${depth} (${index === 1 ? "histo1" : "histo2"})`);
    require2D(map, metric);
    const v = content(map, eta, phi);
    if (v !== 0) values.push(v);
  }
  return values;
}

/** Number of the RBX's channels with a non-zero entry in their depth's map (HDQM RBXCountNonZeroChan); exact, no error. */
export function rbxCountNonZero(rbx: string, depths: readonly number[], maps: DepthMaps): MetricResult {
  return { value: nonZeroChannels(rbx, depths, maps, "rbxCountNonZero").length, error: 0 };
}

/**
 * Mean over the RBX's non-zero channels of their depth's map (HDQM RBXMean). HDQM summed the
 * first depth's map at every channel's (ieta, iphi), whatever its depth, and gave no error; here
 * each channel is read from its own depth's map (see docs/hdqm-compatibility.md), error 0 as HDQM.
 */
export function rbxMean(rbx: string, depths: readonly number[], maps: DepthMaps): MetricResult {
  const values = nonZeroChannels(rbx, depths, maps, "rbxMean");
  if (values.length === 0) throw new MetricError("empty", `no channel of ${rbx} is filled`);
  return { value: values.reduce((a, b) => a + b, 0) / values.length, error: 0 };
}
