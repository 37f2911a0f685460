/**
 * `dqmflow ml train --csv FILE --me "<ME>" --out MODEL [--model latent-knn|pca] [--components N] [--neighbours K] [--no-entries] [--drop-flow]`
 * `dqmflow ml score --model MODEL --csv FILE` — one JSON object per row of the model's ME.
 * `dqmflow ml evaluate --csv FILE --me "<ME>" [--folds 5] [--bootstrap 1000] [--seed 1] [--json]`
 */
import { writeFile, readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { DEFAULT_FALSE_ALARM_RATES, scoreHistogram, trainAnomalyModel } from "../../ml/anomaly-model";
import { evaluateModels, type Evaluation } from "../../ml/evaluate";
import { readMl4dqmFile } from "../../ml/load-rows";
import { DEFAULT_PARAMS, type ModelParams } from "../../ml/model";
import { modelFromJson, modelToJson } from "../../ml/model-json";
import type { CliCommand } from "../main";

const USAGE = `usage:
  dqmflow ml train --csv FILE --me "<ME name>" --out MODEL [--model latent-knn|pca] [--components N] [--neighbours K] [--no-entries] [--drop-flow] [--seed S]
  dqmflow ml score --model MODEL --csv FILE
  dqmflow ml evaluate --csv FILE --me "<ME name>" [--folds 5] [--bootstrap 1000] [--seed 1] [--json]`;

function intOption(v: string | undefined, name: string, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} expects a non-negative integer, got '${v}'`);
  return n;
}

function paramsFrom(values: { model?: string; components?: string; neighbours?: string; "no-entries"?: boolean; "drop-flow"?: boolean }): ModelParams {
  const kind = values.model ?? "latent-knn";
  const dropUnderOverflow = values["drop-flow"] ?? false;
  if (kind === "pca") return { ...DEFAULT_PARAMS.pca, components: intOption(values.components, "components", DEFAULT_PARAMS.pca.components), dropUnderOverflow };
  if (kind === "latent-knn") {
    const d = DEFAULT_PARAMS["latent-knn"];
    return { ...d, components: intOption(values.components, "components", d.components), neighbours: intOption(values.neighbours, "neighbours", d.neighbours), useEntries: !values["no-entries"], dropUnderOverflow };
  }
  throw new Error(`--model must be latent-knn or pca, got '${kind}'`);
}

const fmt = (v: number) => v.toFixed(3);

function printEvaluation(e: Evaluation): void {
  console.log(`${e.me}: ${e.lumisections} DCS-on lumisections in ${e.runs} runs, ${e.positives} positives (not golden; ${e.emptyPositives} empty), ${e.negatives} negatives`);
  console.log(`cross-validation grouped by run: ${e.folds} folds, seed ${e.seed}; thresholds by nested CV inside each training fold\n`);
  for (const m of e.models) {
    console.log(`${m.name.padEnd(12)} ROC AUC ${fmt(m.roc.auc)}  ${Math.round(m.roc.level * 100)}% CI [${fmt(m.roc.low)}, ${fmt(m.roc.high)}] (${m.roc.replicates} run-bootstrap replicates, ${m.seconds.toFixed(1)} s)`);
    for (const r of m.rates) console.log(`${"".padEnd(12)} target false-alarm rate ${r.targetFalseAlarmRate}: observed ${(100 * r.falseAlarmRate).toFixed(2)}%, detection ${(100 * r.detectionRate).toFixed(1)}%`);
  }
}

async function train(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      csv: { type: "string" },
      me: { type: "string" },
      out: { type: "string" },
      model: { type: "string" },
      components: { type: "string" },
      neighbours: { type: "string" },
      "no-entries": { type: "boolean", default: false },
      "drop-flow": { type: "boolean", default: false },
      seed: { type: "string" },
    },
  });
  if (!values.csv || !values.me || !values.out) {
    console.error(USAGE);
    return 2;
  }
  const rows = await readMl4dqmFile(values.csv, values.me);
  const model = trainAnomalyModel(rows, { me: values.me, source: values.csv, params: paramsFrom(values), seed: intOption(values.seed, "seed", 1) });
  await writeFile(values.out, JSON.stringify(modelToJson(model)));
  const roc = model.validation.roc;
  console.error(
    `trained ${model.model.params.kind} on ${model.trainingSet.rows} good lumisections of ${model.trainingSet.runs} runs → ${values.out}` +
      (roc ? `; validation ROC AUC ${fmt(roc.auc)} [${fmt(roc.low)}, ${fmt(roc.high)}]` : "") +
      `; thresholds ${model.thresholds.map((t) => `${t.falseAlarmRate}: ${t.threshold.toPrecision(4)}`).join(", ")}`,
  );
  return 0;
}

async function score(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { model: { type: "string" }, csv: { type: "string" } } });
  if (!values.model || !values.csv) {
    console.error(USAGE);
    return 2;
  }
  const model = modelFromJson(JSON.parse(await readFile(values.model, "utf8")));
  const rows = await readMl4dqmFile(values.csv, model.me);
  const out: string[] = [];
  for (const r of rows) {
    const s = scoreHistogram(model, r.histogram);
    out.push(JSON.stringify({ run: r.run, lumi: r.lumi, score: s.score, ...(s.empty ? { empty: true } : {}) }));
  }
  if (out.length) process.stdout.write(out.join("\n") + "\n");
  else console.error(`dqmflow ml score: no rows of '${model.me}' in ${values.csv}`);
  return 0;
}

async function evaluate(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      csv: { type: "string" },
      me: { type: "string" },
      folds: { type: "string" },
      bootstrap: { type: "string" },
      seed: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  if (!values.csv || !values.me) {
    console.error(USAGE);
    return 2;
  }
  const rows = await readMl4dqmFile(values.csv, values.me);
  const e = evaluateModels(rows, {
    me: values.me,
    models: [
      { name: "pca", params: DEFAULT_PARAMS.pca },
      { name: "latent-knn", params: DEFAULT_PARAMS["latent-knn"] },
    ],
    folds: intOption(values.folds, "folds", 5),
    innerFolds: 4,
    seed: intOption(values.seed, "seed", 1),
    replicates: intOption(values.bootstrap, "bootstrap", 1000),
    falseAlarmRates: DEFAULT_FALSE_ALARM_RATES,
  });
  if (values.json) console.log(JSON.stringify(e));
  else printEvaluation(e);
  return 0;
}

const subcommands: Record<string, (args: string[]) => Promise<number>> = { train, score, evaluate };

export const mlCommand: CliCommand = {
  summary: "anomaly models of normal histogram shapes: train, score, evaluate (ML4DQM CSV)",
  async run(args) {
    const [sub, ...rest] = args;
    const run = sub ? subcommands[sub] : undefined;
    if (!run) {
      console.error(USAGE);
      return 2;
    }
    return run(rest);
  },
};
