/**
 * The runs of a bulk flag, as a person types them: numbers and ranges separated by commas or
 * spaces (`357001, 357005-357010 357020`; `–` and `..` work as the dash too). Refused in words:
 * a token that is no run number, a range written backwards, more runs than one submit may hold.
 */
import { INT4_MAX } from "../limits/limits";
import { CertificationRuleError } from "./errors";

/** Runs one bulk submit may flag; more are refused, never cut. */
export const MAX_BULK_RUNS = 200;

function runOf(token: string, whole: string): number {
  if (!/^\d{1,10}$/.test(token) || Number(token) < 1 || Number(token) > INT4_MAX) throw new CertificationRuleError(`runs: '${whole}' is not a run number or a range like 357001-357010`);
  return Number(token);
}

/** The distinct runs named, ascending. */
export function parseRunList(text: string): number[] {
  const tokens = text.split(/[\s,;]+/).filter(Boolean);
  if (tokens.length === 0) throw new CertificationRuleError("runs: name at least one run (a list like 357001, 357004 or a range like 357001-357010)");
  const ranges = tokens.map((token): [number, number] => {
    const range = /^(\d+)(?:-|–|\.\.)(\d+)$/.exec(token);
    if (!range) return [runOf(token, token), runOf(token, token)];
    const first = runOf(range[1]!, token);
    const last = runOf(range[2]!, token);
    if (last < first) throw new CertificationRuleError(`runs: the range '${token}' runs backwards; write ${last}-${first}`);
    return [first, last];
  });
  // Counted over merged ranges, so a typo like 357001-367001 is refused without listing its runs.
  const merged: [number, number][] = [];
  for (const [a, b] of [...ranges].sort((x, y) => x[0] - y[0])) {
    const top = merged[merged.length - 1];
    if (top && a <= top[1] + 1) top[1] = Math.max(top[1], b);
    else merged.push([a, b]);
  }
  const count = merged.reduce((n, [a, b]) => n + b - a + 1, 0);
  if (count > MAX_BULK_RUNS) throw new CertificationRuleError(`runs: ${count} runs named, at most ${MAX_BULK_RUNS} per submit — split the list`);
  return merged.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i));
}
