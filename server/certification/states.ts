/**
 * Run Registry's state machines. A run goes OPEN → SIGNOFF → COMPLETED; a dataset, per
 * workspace, goes `waiting dqm gui` → OPEN → SIGNOFF → COMPLETED. Forward moves are the
 * shifters'; moves back are for experts. Moving a run to SIGNOFF is refused while a
 * certifiable component still has lumisections without a status.
 */
import { hasRole, type Role } from "../auth/roles";
import { TransitionError } from "./errors";

export const runStates = ["OPEN", "SIGNOFF", "COMPLETED"] as const;
export type RunState = (typeof runStates)[number];

export const datasetStates = ["waiting dqm gui", "OPEN", "SIGNOFF", "COMPLETED"] as const;
export type DatasetState = (typeof datasetStates)[number];

interface Edge<S extends string> {
  from: S;
  to: S;
  role: Role;
}

const runEdges: readonly Edge<RunState>[] = [
  { from: "OPEN", to: "SIGNOFF", role: "shifter" },
  { from: "SIGNOFF", to: "COMPLETED", role: "shifter" },
  { from: "SIGNOFF", to: "OPEN", role: "expert" },
  { from: "COMPLETED", to: "SIGNOFF", role: "expert" },
  { from: "COMPLETED", to: "OPEN", role: "expert" },
];

const datasetEdges: readonly Edge<DatasetState>[] = [
  { from: "waiting dqm gui", to: "OPEN", role: "shifter" },
  { from: "OPEN", to: "SIGNOFF", role: "shifter" },
  { from: "SIGNOFF", to: "COMPLETED", role: "shifter" },
  { from: "SIGNOFF", to: "OPEN", role: "expert" },
  { from: "COMPLETED", to: "SIGNOFF", role: "expert" },
  { from: "COMPLETED", to: "OPEN", role: "expert" },
];

function allowedFrom<S extends string>(edges: readonly Edge<S>[], from: S, role: Role): S[] {
  return edges.filter((e) => e.from === from && hasRole(role, e.role)).map((e) => e.to);
}

function check<S extends string>(what: string, edges: readonly Edge<S>[], from: S, to: S, role: Role): void {
  const allowed = allowedFrom(edges, from, role);
  if (allowed.includes(to)) return;
  const edge = edges.find((e) => e.from === from && e.to === to);
  const why = edge ? `needs the ${edge.role} role` : "is not a transition";
  const list = allowed.length ? allowed.join(", ") : "none";
  throw new TransitionError(`${what} ${from} → ${to} ${why}; allowed from ${from} for a ${role}: ${list}`, allowed);
}

/** Components of the online dataset that still have lumisections without a status. */
export interface SignoffBlockers {
  readonly componentsWithoutStatus: readonly string[];
}

/** The run states `role` may move a run to from `from`. */
export function allowedRunTransitions(from: RunState, role: Role): RunState[] {
  return allowedFrom(runEdges, from, role);
}

/** Throws TransitionError (listing what is allowed) unless the run may move `from` → `to`. */
export function assertRunTransition(from: RunState, to: RunState, role: Role, blockers: SignoffBlockers = { componentsWithoutStatus: [] }): void {
  check("run", runEdges, from, to, role);
  if (to === "SIGNOFF" && from === "OPEN" && blockers.componentsWithoutStatus.length > 0) {
    throw new TransitionError(
      `run OPEN → SIGNOFF refused: lumisections without a status in ${blockers.componentsWithoutStatus.join(", ")}`,
      allowedRunTransitions(from, role).filter((s) => s !== "SIGNOFF"),
    );
  }
}

export function allowedDatasetTransitions(from: DatasetState, role: Role): DatasetState[] {
  return allowedFrom(datasetEdges, from, role);
}

export function assertDatasetTransition(from: DatasetState, to: DatasetState, role: Role): void {
  check("dataset", datasetEdges, from, to, role);
}
