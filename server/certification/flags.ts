/**
 * Component flags as Run Registry keeps them: per component (`workspace-column`), lumisection
 * ranges carrying `{status, cause, comment}` and their origin. Flags are never edited in place:
 * every change is a new version, a newer one crops the parts of older ones it overlaps, and an
 * undo is a new version that cancels an earlier one. Lumisections nobody flagged are unknown.
 */
import { CertificationRuleError } from "./errors";

export const flagStatuses = ["GOOD", "BAD", "STANDBY", "EXCLUDED", "NOTSET", "EMPTY", "NO VALUE FOUND"] as const;
export type FlagStatus = (typeof flagStatuses)[number];

/** Who wrote a flag: a person, an automatic rule, a quality test, or a detector-control bit. */
export const originKinds = ["person", "rule", "test", "dcs"] as const;
export type OriginKind = (typeof originKinds)[number];
export interface FlagOrigin {
  readonly kind: OriginKind;
  readonly name: string;
}

/** Written by a machine (rule, test, DCS bit): its origin and cause explain it, so no comment is asked of it. */
export function isAutomatic(origin: { readonly kind: string } | null): boolean {
  return origin !== null && origin.kind !== "person";
}

/** The origin as pages and exports show it: `auto:<rule>`, `test:<name>`, `dcs:<bit>`, or the person's name. */
export function originLabel(origin: { readonly kind: string; readonly name: string } | null): string {
  if (origin === null) return "nobody";
  if (origin.kind === "person") return origin.name;
  return `${origin.kind === "rule" ? "auto" : origin.kind}:${origin.name}`;
}

export interface FlagInput {
  readonly component: string;
  readonly firstLs: number;
  readonly lastLs: number;
  readonly status: FlagStatus;
  readonly cause: string;
  readonly comment: string;
  readonly origin: FlagOrigin;
}

/** One stored version: a flag, or the undo of an earlier version (`undoOf`). */
export interface FlagChange extends FlagInput {
  readonly id: number;
  readonly undoOf: number | null;
  readonly createdBy: string;
  readonly createdAt: Date;
}

/** What one lumisection range of one component currently says, and which version said it. */
export interface EffectiveRange {
  readonly component: string;
  readonly firstLs: number;
  readonly lastLs: number;
  readonly status: FlagStatus | "UNKNOWN";
  readonly cause: string;
  readonly comment: string;
  readonly origin: FlagOrigin | null;
  readonly changeId: number | null;
}

export const MIN_BAD_COMMENT = 3;
/** Shortest sign-off comment: the board and the run page ask for the same. */
export const MIN_SIGNOFF_COMMENT = 3;

/** A status that says nothing about the data: the lumisection still needs a shifter's look. */
export function isUnset(status: FlagStatus | "UNKNOWN"): boolean {
  return status === "UNKNOWN" || status === "NOTSET";
}

/** Throws CertificationRuleError naming what is wrong with a new flag. */
export function validateFlag(f: FlagInput, lsCount: number, components: readonly string[]): void {
  if (!components.includes(f.component)) throw new CertificationRuleError(`unknown component '${f.component}'; known: ${components.join(", ")}`);
  if (!Number.isInteger(f.firstLs) || !Number.isInteger(f.lastLs) || f.firstLs < 1 || f.lastLs < f.firstLs) {
    throw new CertificationRuleError(`lumisection range [${f.firstLs}, ${f.lastLs}] must be integers with 1 ≤ first ≤ last`);
  }
  if (f.lastLs > lsCount) throw new CertificationRuleError(`lumisection range [${f.firstLs}, ${f.lastLs}] goes past the run's last lumisection ${lsCount}`);
  if (f.status === "BAD" && f.comment.trim().length < MIN_BAD_COMMENT) {
    throw new CertificationRuleError(`a BAD flag needs a comment of at least ${MIN_BAD_COMMENT} characters (${f.component} [${f.firstLs}, ${f.lastLs}])`);
  }
}

/** Versions still in effect: newest first, an undo cancels its target unless itself undone. */
export function activeChanges(changes: readonly FlagChange[]): FlagChange[] {
  const sorted = [...changes].sort((a, b) => b.id - a.id);
  const cancelled = new Set<number>();
  const active: FlagChange[] = [];
  for (const c of sorted) {
    if (cancelled.has(c.id)) continue;
    if (c.undoOf !== null) cancelled.add(c.undoOf);
    else active.push(c);
  }
  return active.reverse();
}

/**
 * The flags in force for every lumisection 1..lsCount of each component: newer versions
 * crop older ones; gaps come out as UNKNOWN ranges.
 */
export function effectiveFlags(changes: readonly FlagChange[], components: readonly string[], lsCount: number): EffectiveRange[] {
  const out: EffectiveRange[] = [];
  const active = activeChanges(changes);
  for (const component of components) {
    const owner = new Array<FlagChange | null>(lsCount + 1).fill(null);
    for (const c of active) {
      if (c.component !== component) continue;
      for (let ls = Math.max(1, c.firstLs); ls <= Math.min(lsCount, c.lastLs); ls++) owner[ls] = c;
    }
    let start = 1;
    for (let ls = 2; ls <= lsCount + 1; ls++) {
      if (ls <= lsCount && owner[ls] === owner[start]) continue;
      const c = owner[start] ?? null;
      out.push({
        component,
        firstLs: start,
        lastLs: ls - 1,
        status: c?.status ?? "UNKNOWN",
        cause: c?.cause ?? "",
        comment: c?.comment ?? "",
        origin: c?.origin ?? null,
        changeId: c?.id ?? null,
      });
      start = ls;
    }
  }
  return out;
}

/** A person's BAD range without a comment of MIN_BAD_COMMENT characters: sign-off waits for one. */
export function needsComment(r: Pick<EffectiveRange, "status" | "comment" | "origin">): boolean {
  return r.status === "BAD" && !isAutomatic(r.origin) && r.comment.trim().length < MIN_BAD_COMMENT;
}

/** Per component: how many lumisections have no status and how many BAD ranges lack a comment (automatic flags carry their cause). */
export interface SignoffReadiness {
  readonly unknownLs: Record<string, number>;
  readonly badWithoutComment: Record<string, number>;
}

export function signoffReadiness(effective: readonly EffectiveRange[], components: readonly string[]): SignoffReadiness {
  const unknownLs: Record<string, number> = {};
  const badWithoutComment: Record<string, number> = {};
  for (const c of components) {
    unknownLs[c] = 0;
    badWithoutComment[c] = 0;
  }
  for (const r of effective) {
    if (isUnset(r.status)) unknownLs[r.component] = (unknownLs[r.component] ?? 0) + (r.lastLs - r.firstLs + 1);
    if (needsComment(r)) badWithoutComment[r.component] = (badWithoutComment[r.component] ?? 0) + 1;
  }
  return { unknownLs, badWithoutComment };
}

/** One thing that keeps a stage from being signed off, with what a shifter needs to fix it in place. */
export interface SignoffBlocker {
  readonly kind: "no-status" | "needs-comment";
  readonly component: string;
  readonly firstLs: number;
  readonly lastLs: number;
  /** The version to re-flag with a comment (needs-comment), null for lumisections nobody flagged. */
  readonly changeId: number | null;
  readonly status: FlagStatus | "UNKNOWN";
  readonly cause: string;
}

/** Every range that blocks a sign-off: lumisections without a status and persons' BAD ranges without a comment. */
export function signoffBlockers(effective: readonly EffectiveRange[]): SignoffBlocker[] {
  return effective
    .filter((r) => isUnset(r.status) || needsComment(r))
    .map((r) => ({ kind: isUnset(r.status) ? "no-status" : "needs-comment", component: r.component, firstLs: r.firstLs, lastLs: r.lastLs, changeId: r.changeId, status: r.status, cause: r.cause }));
}
