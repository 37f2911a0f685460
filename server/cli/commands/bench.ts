/**
 * `dqmflow bench <compare|ingest|trends> [options]`: each benchmark lives in its own module and
 * is loaded only when asked for.
 */
import type { CliCommand } from "../main";

const benchmarks: Record<string, { summary: string; load: () => Promise<CliCommand>; passName?: boolean }> = {
  compare: { summary: "comparison engine vs scipy/numpy", load: async () => (await import("./bench-compare.js")).benchCommand, passName: true },
  ingest: { summary: "2.5 M metric points through the ingest writer vs plain COPY", load: async () => (await import("./bench-ingest.js")).benchIngestCommand },
  "ingest-file": { summary: "list and read a 100,000-ME DQM file vs uproot", load: async () => (await import("./bench-ingest-file.js")).benchIngestFileCommand },
  lifecycle: { summary: "runs through certification with automatic sign-off vs a minimal workflow", load: async () => (await import("./bench-lifecycle.js")).benchLifecycleCommand },
  pipeline: { summary: "DQM files per minute through schedule → ingest → certify-run vs in-process ingest", load: async () => (await import("./bench-pipeline.js")).benchPipelineCommand },
  rr: { summary: "runregistry client get_runs (triplet filter) via /rr vs the same query as bare SQL", load: async () => (await import("./bench-rr.js")).benchRrCommand },
  trends: { summary: "trend requests over HTTP at 16 clients vs bare SQL", load: async () => (await import("./bench-trends.js")).benchTrendsCommand },
  "trends-under-ingest": { summary: "trend API p99 during a 1 M point ingest vs quiet", load: async () => (await import("./bench-trends-under-ingest.js")).benchTrendsUnderIngestCommand },
  ui: { summary: "10,000-point trend page in Chromium vs a bare ECharts page", load: async () => (await import("./bench-ui.js")).benchUiCommand },
};

export const benchCommand: CliCommand = {
  summary: `benchmarks: bench <${Object.keys(benchmarks).join("|")}> [--json]`,
  async run(args) {
    const [name, ...rest] = args;
    const b = name ? benchmarks[name] : undefined;
    if (!b) {
      console.error(`usage: dqmflow bench <name> [options]\n${Object.entries(benchmarks).map(([k, v]) => `  ${k.padEnd(20)} ${v.summary}`).join("\n")}`);
      return 2;
    }
    return (await b.load()).run(b.passName ? args : rest);
  },
};
