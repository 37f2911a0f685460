/**
 * `dqmflow golden-json --rule RULE.json [--dataset PATTERN] [--from RUN] [--to RUN] [--json]`:
 * evaluates a JSON-logic rule over the stored runs and prints the golden JSON (with --json: the
 * anti-JSON, luminosity kept and lost and the loss per sub-rule too). RULE.json is a JSON-logic
 * rule, or `{"logic": …, "datasetPattern": "%Prompt%"}`. Dataset patterns use LIKE syntax.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { createDb } from "../../../db/pool";
import { checkRule } from "../../certification/golden-json/evaluate";
import { datasetFacts, selectDatasets } from "../../certification/golden-json/golden-json.repository";
import { GoldenJsonBuilder } from "../../certification/golden-json/evaluate";
import { config } from "../../config/config";
import type { CliCommand } from "../main";

const usage = "usage: dqmflow golden-json --rule RULE.json [--dataset PATTERN] [--from RUN] [--to RUN] [--json]";

function runOption(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a run number, got '${v}'`);
  return n;
}

export const goldenJsonCommand: CliCommand = {
  summary: "golden JSON from a JSON-logic rule: --rule RULE.json [--dataset PATTERN] [--json]",
  async run(args) {
    const { values } = parseArgs({ args, options: { rule: { type: "string" }, dataset: { type: "string" }, from: { type: "string" }, to: { type: "string" }, json: { type: "boolean", default: false } } });
    if (!values.rule) {
      console.error(usage);
      return 2;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(values.rule, "utf8"));
    } catch (err) {
      throw new Error(`cannot read rule ${values.rule}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const wrapped = parsed !== null && typeof parsed === "object" && "logic" in parsed ? (parsed as { logic: unknown; datasetPattern?: string }) : { logic: parsed };
    const logic = checkRule(wrapped.logic);
    const datasetPattern = values.dataset ?? wrapped.datasetPattern ?? "%";
    const runFrom = runOption(values.from, "from");
    const runTo = runOption(values.to, "to");
    const db = createDb(config().DATABASE_URL, 2);
    try {
      const items = await selectDatasets(db, { datasetPattern, ...(runFrom ? { runFrom } : {}), ...(runTo ? { runTo } : {}) });
      const builder = new GoldenJsonBuilder(logic);
      for (const [i, item] of items.entries()) {
        builder.add(await datasetFacts(db, item.runNumber, item.dataset));
        if (!values.json && process.stderr.isTTY) process.stderr.write(`\r${i + 1}/${items.length} datasets`);
      }
      if (!values.json && process.stderr.isTTY) process.stderr.write("\n");
      const result = builder.result();
      if (values.json) console.log(JSON.stringify({ query: { datasetPattern, runFrom, runTo }, rule: logic, datasets: items.length, ...result }, null, 2));
      else console.log(JSON.stringify(result.golden));
      return 0;
    } finally {
      await db.destroy();
    }
  },
};
