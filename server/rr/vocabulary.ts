/**
 * Run Registry's vocabulary mapped to dqmflow's, in one place (documented in docs/run-registry.md).
 * RR keeps run and dataset facts in JSON columns (`rr_attributes`, `oms_attributes`,
 * `dataset_attributes`); dqmflow keeps them in typed columns of `run`, `cert_run` and
 * `cert_dataset`. Each RR attribute below names the dqmflow column it reads and its type, which
 * decides how a filter value is compared (numbers as numbers, booleans as booleans).
 */
import type { FlagStatus } from "../certification/flags";
import { datasetStates, type DatasetState, type RunState, runStates } from "../certification/states";
import { runClasses, type RunClass } from "../../db/tables/run.table";

export type AttributeType = "number" | "string" | "boolean" | "timestamp";

/** Where an RR attribute lives in dqmflow: a column (or expression) of run `r` / cert_run `cr`. */
export interface ColumnAttribute {
  readonly column: "r.run_number" | "r.run_class" | "r.significant" | "r.fill_number" | "r.b_field" | "r.beam_energy" | "r.delivered_lumi" | "r.recorded_lumi" | "r.duration_s" | "r.ls_count" | "r.hlt_key" | "r.l1_key" | "r.start_time" | "r.end_time" | "run_state";
  readonly type: AttributeType;
}

/** `rr_attributes.<key>`: the run's certification facts. A run nobody certifies yet is OPEN, as RR creates runs. */
export const rrRunAttributes: Readonly<Record<string, ColumnAttribute>> = {
  class: { column: "r.run_class", type: "string" },
  state: { column: "run_state", type: "string" },
  significant: { column: "r.significant", type: "boolean" },
};

/** `oms_attributes.<key>`: the run's OMS facts, under OMS's names. */
export const omsRunAttributes: Readonly<Record<string, ColumnAttribute>> = {
  fill_number: { column: "r.fill_number", type: "number" },
  b_field: { column: "r.b_field", type: "number" },
  energy: { column: "r.beam_energy", type: "number" },
  delivered_lumi: { column: "r.delivered_lumi", type: "number" },
  recorded_lumi: { column: "r.recorded_lumi", type: "number" },
  duration: { column: "r.duration_s", type: "number" },
  ls_duration: { column: "r.ls_count", type: "number" },
  hlt_key: { column: "r.hlt_key", type: "string" },
  l1_key: { column: "r.l1_key", type: "string" },
  start_time: { column: "r.start_time", type: "timestamp" },
  end_time: { column: "r.end_time", type: "timestamp" },
};

/** RR's lumisection statuses. dqmflow's "no flag yet" (UNKNOWN) is RR's EMPTY. */
export const rrStatuses = ["GOOD", "BAD", "STANDBY", "EXCLUDED", "NOTSET", "EMPTY", "NO VALUE FOUND"] as const;
export type RrStatus = (typeof rrStatuses)[number];
/** Statuses a person may write through `edit_rr_lumisections` (the client's own list). */
export const rrWritableStatuses = ["GOOD", "BAD", "STANDBY", "EXCLUDED", "NOTSET"] as const satisfies readonly FlagStatus[];

export function rrStatusOf(status: FlagStatus | "UNKNOWN"): RrStatus {
  return status === "UNKNOWN" ? "EMPTY" : status;
}

/** RR's name of the run-level dataset; dqmflow's online dataset has the same name. */
export const ONLINE_DATASET = "online";

export const rrRunStates: readonly RunState[] = runStates;
export const rrDatasetStates: readonly DatasetState[] = datasetStates;
/** A dataset with no state in a workspace yet: RR's state before DQM GUI has its histograms. */
export const DATASET_STATE_NONE: DatasetState = "waiting dqm gui";

/** `dataset_attributes.<ws>_state` ↔ cert_dataset.workspace (`global_state` ↔ global). */
export function workspaceOfStateKey(key: string): string | null {
  const m = /^([a-z0-9]+)_state$/.exec(key);
  return m ? m[1]! : null;
}

/** RR classes carry a year ("Collisions18", "Cosmics22"); dqmflow's are the family. */
export function runClassFromRr(rrClass: string): RunClass | null {
  const exact = runClasses.find((c) => c.toLowerCase() === rrClass.toLowerCase());
  if (exact) return exact;
  const lower = rrClass.toLowerCase();
  if (lower.startsWith("collisions")) return "Collisions";
  if (lower.startsWith("cosmics")) return "Cosmics";
  if (lower.startsWith("commissioning")) return "Commissioning";
  if (lower.startsWith("hi") || lower.startsWith("heavyion")) return "HeavyIons";
  return null;
}

/** OMS per-lumisection DCS bits: RR's `<partition>_ready` is dqmflow's lumisection.dcs[<partition>]. */
export function rrDcsKey(partition: string): string {
  return `${partition}_ready`;
}

export function dcsPartitionOf(rrKey: string): string | null {
  return rrKey.endsWith("_ready") ? rrKey.slice(0, -"_ready".length) : null;
}

/**
 * A JSON-logic variable as RR's json_portal names it, renamed to what dqmflow's golden-JSON
 * evaluation reads (server/certification/golden-json/golden-json.repository.ts datasetFacts).
 */
export function goldenVarFromRr(v: string): string {
  if (v === "lumisection.lumisection_number") return "lumisection.ls_number";
  if (v === "lumisection.oms.recorded") return "lumisection.oms.recorded_lumi";
  if (v === "lumisection.oms.delivered") return "lumisection.oms.delivered_lumi";
  if (v === "run.rr.class" || v === "run.oms.class") return "run.run_class";
  if (v === "run.rr.run_number") return "run.run_number";
  if (v === "run.oms.ls_duration") return "run.oms.ls_count";
  if (v.startsWith("lumisection.oms.")) {
    const key = v.slice("lumisection.oms.".length);
    if (key === "beam1_stable" || key === "beam2_stable") return v;
    const partition = dcsPartitionOf(key);
    if (partition) return `lumisection.oms.${partition}`;
  }
  return v;
}

/** Rewrites every {"var": …} of a JSON-logic rule with goldenVarFromRr. */
export function goldenLogicFromRr(logic: unknown): unknown {
  if (Array.isArray(logic)) return logic.map(goldenLogicFromRr);
  if (logic === null || typeof logic !== "object") return logic;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(logic)) {
    if (k === "var") out[k] = typeof v === "string" ? goldenVarFromRr(v) : Array.isArray(v) && typeof v[0] === "string" ? [goldenVarFromRr(v[0]), ...(v.slice(1) as unknown[])] : v;
    else out[k] = goldenLogicFromRr(v);
  }
  return out;
}
