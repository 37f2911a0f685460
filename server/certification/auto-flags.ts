/**
 * Turns a stage's comparison results into automatic component flags: a rule looks at the
 * results of the MEs it matches; any ERROR writes `onError`, all OK/WARNING write `onPass`,
 * and results that say nothing (INVALID, DID_NOT_RUN…) leave the component unknown. The flag's
 * comment names the rule and its cause, so a shifter never has to re-enter an automatic BAD flag
 * to sign off (its origin, `auto:<rule>`, says a machine wrote it).
 */
import { MAX_COMMENT_CHARS } from "../limits/limits";
import { matchesGlob } from "../compare/config/glob";
import type { DqmStatusName } from "../compare";
import type { AutoFlagRule } from "./certification-config";
import type { FlagInput } from "./flags";

export interface ComparisonOutcome {
  readonly mePath: string;
  readonly test: string;
  readonly status: DqmStatusName;
}

export function autoFlags(rules: readonly AutoFlagRule[], results: readonly ComparisonOutcome[], lsCount: number): FlagInput[] {
  const out: FlagInput[] = [];
  if (lsCount < 1) return out;
  for (const rule of rules) {
    const mine = results.filter((r) => rule.match.some((p) => matchesGlob(p, r.mePath)));
    const decisive = mine.filter((r) => r.status === "OK" || r.status === "WARNING" || r.status === "ERROR");
    if (decisive.length === 0) continue;
    const errors = decisive.filter((r) => r.status === "ERROR");
    const status = errors.length > 0 ? rule.onError : rule.onPass;
    const cause = errors.length > 0 ? `${errors.map((e) => `${e.test} ERROR on ${e.mePath}`).join("; ")}` : `${decisive.length} comparison(s) passed`;
    const comment = `auto:${rule.name}: ${cause}`;
    out.push({ component: rule.component, firstLs: 1, lastLs: lsCount, status, cause, comment: comment.length > MAX_COMMENT_CHARS ? `${comment.slice(0, MAX_COMMENT_CHARS - 1)}…` : comment, origin: { kind: "rule", name: rule.name } });
  }
  return out;
}
