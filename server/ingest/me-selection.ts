/**
 * Which monitor elements ingest keeps from a file: every ME some consumer needs — the HDQM
 * metrics of the catalog, certification's compared MEs, and a configured allow-list of globs
 * (MEs experts want to see on the run page without a metric or a test on them).
 */
import { globToRegExp } from "../compare/config/glob";
import type { CertificationConfig } from "../certification/certification-config";
import type { MetricDefinition } from "../metrics/index";
import { pathsNeeded } from "./compute-points";

export interface MeSelection {
  readonly exact: ReadonlySet<string>;
  readonly patterns: readonly RegExp[];
}

export function meSelection(input: { metrics: readonly MetricDefinition[]; certification: Pick<CertificationConfig, "monitorElements">; keep: readonly string[] }): MeSelection {
  const exact = pathsNeeded(input.metrics);
  for (const p of input.certification.monitorElements) exact.add(p);
  return { exact, patterns: input.keep.map(globToRegExp) };
}

export function isSelected(sel: MeSelection, mePath: string): boolean {
  return sel.exact.has(mePath) || sel.patterns.some((re) => re.test(mePath));
}
