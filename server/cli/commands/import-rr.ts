/**
 * `dqmflow import-rr FILE… [--dataset NAME] [--json]`: loads JSON saved with CMS's runregistry
 * client (get_runs(compress_attributes=False), get_lumisection_ranges_by_component,
 * get_oms_lumisections) into dqmflow's tables; see server/rr/import-rr.ts for the formats.
 * Run files are imported first; each file is reported, a failing one does not stop the others.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { createDb } from "../../../db/pool";
import { config } from "../../config/config";
import { classify, importFlags, importLumisections, importRuns, type RrExport } from "../../rr/import-rr";
import { ONLINE_DATASET } from "../../rr/vocabulary";
import type { CliCommand } from "../main";

const usage = "usage: dqmflow import-rr FILE… [--dataset NAME] [--json]";

export const importRrCommand: CliCommand = {
  summary: "load a Run Registry season saved with the runregistry client (runs, flags, OMS lumisections)",
  help: `${usage}\n  FILE: get_runs(compress_attributes=False) answers, get_lumisection_ranges_by_component and\n  get_oms_lumisections answers (run number in the file name, or {"<run>": answer, …}).\n  --dataset NAME  dataset the flags belong to (default: online)`,
  async run(args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { dataset: { type: "string", default: ONLINE_DATASET }, json: { type: "boolean", default: false } } });
    if (positionals.length === 0) {
      console.error(usage);
      return 2;
    }
    const db = createDb(config().DATABASE_URL, 2);
    const report: { file: string; kind?: string; runs?: number; written?: number; error?: string }[] = [];
    try {
      const parsed: { file: string; data: RrExport }[] = [];
      for (const file of positionals) {
        try {
          parsed.push({ file, data: classify(JSON.parse(await readFile(file, "utf8")), file) });
        } catch (err) {
          report.push({ file, error: err instanceof Error ? err.message : String(err) });
        }
      }
      const order = { runs: 0, flags: 1, lumisections: 2 } as const;
      for (const { file, data } of parsed.sort((a, b) => order[a.data.kind] - order[b.data.kind])) {
        try {
          const written =
            data.kind === "runs" ? await importRuns(db, data.perRun) : data.kind === "flags" ? await importFlags(db, data.perRun, values.dataset, file) : await importLumisections(db, data.perRun, file);
          report.push({ file, kind: data.kind, runs: data.perRun.size, written });
        } catch (err) {
          report.push({ file, kind: data.kind, error: err instanceof Error ? err.message : String(err) });
        }
      }
    } finally {
      await db.destroy();
    }
    if (values.json) console.log(JSON.stringify(report));
    else for (const r of report) console.log(r.error ? `✗ ${r.file}: ${r.error}` : `✓ ${r.file}: ${r.kind}, ${r.runs} run(s), ${r.written} ${r.kind === "runs" ? "runs" : r.kind === "flags" ? "flag ranges" : "lumisections"} written`);
    return report.some((r) => r.error) ? 1 : 0;
  },
};
