/**
 * `dqmflow metrics check DIR [--strict] [--json]`: loads a metric configuration folder as ingest
 * would (YAML/JSON files, HDQM INI files under <Subsystem>/) and reports, per file, the entries
 * accepted and refused with their reasons, then a summary: files, entries, refusals by reason,
 * the functions used and those missing. `--strict` exits 1 on any refusal (the test suite
 * checks config/metrics/ that way); `--json` prints the whole report as JSON.
 */
import { stat } from "node:fs/promises";
import { parseArgs } from "node:util";
import { formatProblem, loadMetricConfigReport, type MetricConfigReport } from "../../metrics/index";
import type { CliCommand } from "../main";

const usage = "usage: dqmflow metrics check DIR [--strict] [--json]";

/** The summary numbers of a report, as printed and as --json gives them. */
export function summarize(report: MetricConfigReport) {
  const { catalog, files } = report;
  const refusedByReason: Record<string, number> = {};
  for (const p of catalog.problems) refusedByReason[p.reason] = (refusedByReason[p.reason] ?? 0) + 1;
  const functionsUsed: Record<string, number> = {};
  for (const m of catalog.metrics) {
    const fn = m.hdqmFunction ?? m.metric.function;
    functionsUsed[fn] = (functionsUsed[fn] ?? 0) + 1;
  }
  const functionsMissing: Record<string, number> = {};
  for (const p of catalog.problems) {
    if (p.reason !== "unknown-function") continue;
    const fn = p.function ?? "?";
    functionsMissing[fn] = (functionsMissing[fn] ?? 0) + 1;
  }
  // A file is unread when nothing in it could be read: misplaced, or not parseable at all.
  const unread = (file: string, accepted: number) =>
    catalog.problems.some((p) => p.file === file && p.entry === undefined && (p.reason === "misplaced-file" || (p.reason === "unreadable-file" && accepted === 0)));
  const readable = files.filter((f) => !unread(f.file, f.accepted)).length;
  return {
    files: files.length,
    filesRead: readable,
    entriesAccepted: catalog.metrics.length + catalog.groups.length + catalog.correlations.length,
    entriesRefused: catalog.problems.length,
    refusedByReason,
    functionsUsed: Object.fromEntries(Object.entries(functionsUsed).sort()),
    functionsMissing,
  };
}

export const metricsCommand: CliCommand = {
  summary: "metric configs: check DIR [--strict] [--json] reports accepted and refused entries",
  async run(args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { strict: { type: "boolean", default: false }, json: { type: "boolean", default: false } } });
    const [sub, dir, ...extra] = positionals;
    if (sub !== "check" || !dir || extra.length) {
      console.error(usage);
      return 2;
    }
    if (!(await stat(dir).catch(() => undefined))?.isDirectory()) throw new Error(`${dir} is not a directory`);
    const report = await loadMetricConfigReport(dir);
    const summary = summarize(report);
    if (values.json) {
      console.log(JSON.stringify({ dir, summary, files: report.files, problems: report.catalog.problems }, null, 2));
    } else {
      for (const f of report.files) {
        console.log(`${f.refused ? "✗" : "✓"} ${f.file}: ${f.accepted} accepted${f.refused ? `, ${f.refused} refused` : ""}`);
        for (const p of report.catalog.problems.filter((q) => q.file === f.file)) console.log(`    ${p.reason}: ${formatProblem(p)}`);
      }
      const reasons = Object.entries(summary.refusedByReason).map(([r, n]) => `${r} ${n}`).join(", ");
      const missing = Object.entries(summary.functionsMissing).map(([f, n]) => `${f} (${n})`).join(", ");
      console.log(`\nfiles: ${summary.filesRead}/${summary.files} read`);
      console.log(`entries: ${summary.entriesAccepted} accepted, ${summary.entriesRefused} refused${reasons ? ` (${reasons})` : ""}`);
      console.log(`functions: ${Object.keys(summary.functionsUsed).length} used, ${Object.keys(summary.functionsMissing).length} unknown${missing ? `: ${missing}` : ""}`);
    }
    return values.strict && summary.entriesRefused > 0 ? 1 : 0;
  },
};
