/**
 * `dqmflow compare`: one comparison (`--test NAME [--param k=v …] DATA [REF…]`), a batch of pairs
 * from a JSON-lines file on the worker pool (`--pairs FILE.jsonl`), or the batch benchmark
 * (`--bench`). `dqmflow compare --help` and `dqmflow compare --test NAME --help` print the
 * command's and a test's help. DATA and REF are JSROOT JSON files or `file.root:<ME path>`.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { compareOnce } from "../../compare/compare-once";
import { COMPARE_USAGE, compareHelp, testHelp } from "../../compare/cli/compare-help";
import { loadHistogram } from "../../compare/cli/histogram-source";
import { comparePairsFile } from "../../compare/cli/pairs-batch";
import { applyParam, isTestName, ParamError, TEST_NAMES } from "../../compare/cli/test-params";
import type { TestName } from "../../compare/config/test-config";
import { statusCode } from "../../compare/status";
import type { CliCommand } from "../main";

const OPTIONS = {
  test: { type: "string" },
  param: { type: "string", multiple: true, default: [] },
  error: { type: "string" },
  warning: { type: "string" },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
  pairs: { type: "string" },
  out: { type: "string" },
  threads: { type: "string" },
  bench: { type: "boolean", default: false },
  count: { type: "string" },
  mode: { type: "string" },
  norm: { type: "boolean", default: false },
  "ks-norm": { type: "boolean", default: false },
  uf: { type: "boolean", default: false },
  of: { type: "boolean", default: false },
  "max-dist": { type: "boolean", default: false },
  pseudo: { type: "string" },
  seed: { type: "string" },
} satisfies ParseArgsConfig["options"];

const parse = (args: string[]) => parseArgs({ args, allowPositionals: true, options: OPTIONS });
type Values = ReturnType<typeof parse>["values"];

/** Shorthand flags: each is one parameter of the tests listed, and nothing else. */
const SHORTHANDS: readonly { flag: keyof typeof OPTIONS; param: string; tests: readonly TestName[] }[] = [
  { flag: "mode", param: "mode", tests: ["chi2"] },
  { flag: "norm", param: "norm", tests: ["chi2"] },
  { flag: "ks-norm", param: "ksNorm", tests: ["kolmogorov"] },
  { flag: "uf", param: "uf", tests: ["chi2", "kolmogorov"] },
  { flag: "of", param: "of", tests: ["chi2", "kolmogorov"] },
  { flag: "max-dist", param: "maxDist", tests: ["kolmogorov"] },
  { flag: "pseudo", param: "pseudo", tests: ["kolmogorov"] },
  { flag: "seed", param: "seed", tests: ["kolmogorov"] },
];

class UsageError extends Error {
  override readonly name = "UsageError";
}

function numberOption(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n)) throw new UsageError(`--${name} takes a number, not '${raw}'`);
  return n;
}

/** The request's test parameters and thresholds from --param, the shorthands, --error and --warning. */
export function buildSpec(test: TestName, values: Values): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const s of SHORTHANDS) {
    const v = values[s.flag];
    if (v === undefined || v === false) continue;
    if (!s.tests.includes(test)) throw new UsageError(`--${s.flag} is a parameter of ${s.tests.join(" and ")}, not of ${test}${s.flag === "norm" ? " (KS option N is --ks-norm)" : ""}`);
    applyParam(test, params, s.param, String(v));
  }
  let error = numberOption("error", values.error);
  let warning = numberOption("warning", values.warning);
  for (const kv of values.param) {
    const eq = kv.indexOf("=");
    if (eq < 1) throw new UsageError(`--param expects key=value, got '${kv}'`);
    const key = kv.slice(0, eq);
    const raw = kv.slice(eq + 1);
    // The QTest XML's <PARAM name="error"> and "warning" are the thresholds.
    if (key === "error") error = numberOption("param error", raw);
    else if (key === "warning") warning = numberOption("param warning", raw);
    else applyParam(test, params, key, raw);
  }
  if (typeof params.pseudoExperiments === "object" && params.pseudoExperiments !== null && !("count" in params.pseudoExperiments)) throw new UsageError("a seed needs pseudo-experiments: give --pseudo N (option X)");
  const spec: Record<string, unknown> = { test };
  if (params.maxDist === true) {
    if (error !== undefined || warning !== undefined) {
      if (error === undefined || warning === undefined) throw new UsageError("with --max-dist give both --warning and --error, as distances");
      params.distanceThresholds = { warning, error };
    }
  } else if (error !== undefined || warning !== undefined) {
    spec.thresholds = { error: error ?? 0.5, warning: warning ?? 0.9 };
  }
  if (Object.keys(params).length) spec.params = params;
  return spec;
}

async function compareOne(values: Values, positionals: string[]): Promise<number> {
  const [dataSource, ...refSources] = positionals;
  if (!values.test || !dataSource) throw new UsageError(`${COMPARE_USAGE}\n(dqmflow compare --help lists the tests and options)`);
  if (!isTestName(values.test)) throw new UsageError(`unknown test '${values.test}'. Tests: ${TEST_NAMES.join(", ")}`);
  const spec = buildSpec(values.test, values);
  const data = await loadHistogram(dataSource);
  const references = await Promise.all(refSources.map(loadHistogram));
  const r = compareOnce({ spec, data, references });
  const out = {
    test: values.test,
    statistic: r.statistic,
    ndf: r.ndf ?? null,
    pValue: r.pValue ?? null,
    score: r.score ?? null,
    status: r.status,
    statusCode: statusCode(r.status),
    ...("igood" in r ? { igood: r.igood } : {}),
    ...("maxPull" in r ? { maxPull: r.maxPull } : {}),
    ...(r.message ? { message: r.message } : {}),
  };
  if (values.json) console.log(JSON.stringify(out));
  else for (const [k, v] of Object.entries(out)) console.log(`${k.padEnd(11)} ${String(v)}`);
  return r.status === "INVALID" || r.status === "DID_NOT_RUN" ? 1 : 0;
}

async function comparePairs(values: Values, positionals: string[]): Promise<number> {
  if (positionals.length) throw new UsageError(`--pairs reads its pairs from the file; unexpected ${positionals.join(" ")}`);
  const test = values.test ?? "both";
  if (test !== "chi2" && test !== "kolmogorov" && test !== "both") throw new UsageError(`--pairs runs chi2 (UU) and kolmogorov on the batch kernel, not ${test}; compare other tests one pair at a time`);
  for (const s of SHORTHANDS) if (values[s.flag] !== undefined && values[s.flag] !== false) throw new UsageError(`--${s.flag} is not available with --pairs (the batch kernel runs χ² UU and KS without options)`);
  if (values.param.length) throw new UsageError("--param is not available with --pairs (the batch kernel runs χ² UU and KS without options)");
  const error = numberOption("error", values.error) ?? 0.5;
  const warning = numberOption("warning", values.warning) ?? 0.9;
  if (error > warning) throw new UsageError("the error threshold must not exceed the warning threshold");
  const threads = numberOption("threads", values.threads);
  const summary = await comparePairsFile({ file: values.pairs!, test, thresholds: { error, warning }, ...(values.out ? { out: values.out } : {}), ...(threads ? { threads } : {}) });
  if (values.out) console.error(`dqmflow compare: ${summary.pairs} pairs (${summary.invalidLines} unreadable lines) → ${values.out}`);
  return summary.invalidLines ? 1 : 0;
}

export const compareCommand: CliCommand = {
  summary: "compare histograms to references with one statistic or quality test, or a batch of pairs",
  help: compareHelp(),
  async run(args) {
    try {
      const { values, positionals } = parse(args);
      if (values.help) {
        if (values.test && !isTestName(values.test)) throw new UsageError(`unknown test '${values.test}'. Tests: ${TEST_NAMES.join(", ")}`);
        console.log(values.test ? testHelp(values.test as TestName) : compareHelp());
        return 0;
      }
      if (values.bench) return await (await import("./compare-bench.js")).runCompareBench(values.count, values.json);
      if (values.pairs !== undefined) return await comparePairs(values, positionals);
      return await compareOne(values, positionals);
    } catch (err) {
      if (err instanceof UsageError || err instanceof ParamError || (err instanceof TypeError && "code" in err && String(err.code).startsWith("ERR_PARSE_ARGS"))) {
        console.error(`dqmflow compare: ${err.message}`);
        return 2;
      }
      throw err;
    }
  },
};
