/**
 * `dqmflow compare --test <name> [--mode UU|UW|WW] [--norm] [--uf] [--of] [--max-dist]
 *  [--pseudo N] [--seed S] [--param key=value …] [--error E] [--warning W] DATA REF… [--json]`
 * DATA and REF are JSROOT JSON files or `file.root:<ME path>`. Exit code 0 when the test ran
 * (whatever its verdict), 1 when it could not.
 */
import { parseArgs } from "node:util";
import { compareOnce } from "../../compare/compare-once";
import { loadHistogram } from "../../compare/cli/histogram-source";
import { statusCode } from "../../compare/status";
import type { CliCommand } from "../main";

const USAGE = "usage: dqmflow compare --test <chi2|kolmogorov|pullValues|betaBinomial|<CMSSW QTest>> [options] DATA [REF…] [--json]";

/** "1.5" → 1.5, "true"/"false" → booleans, "a,b" → [a, b]; anything else stays a string. */
function paramValue(v: string): unknown {
  if (v === "true" || v === "false") return v === "true";
  if (v.includes(",")) return v.split(",").map(paramValue);
  const n = Number(v);
  return v !== "" && Number.isFinite(n) ? n : v;
}

export const compareCommand: CliCommand = {
  summary: "compare a histogram to references with one statistic or quality test",
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        test: { type: "string" },
        mode: { type: "string" },
        norm: { type: "boolean", default: false },
        uf: { type: "boolean", default: false },
        of: { type: "boolean", default: false },
        "max-dist": { type: "boolean", default: false },
        pseudo: { type: "string" },
        seed: { type: "string" },
        param: { type: "string", multiple: true, default: [] },
        error: { type: "string" },
        warning: { type: "string" },
        json: { type: "boolean", default: false },
      },
    });
    const [dataSource, ...refSources] = positionals;
    if (!values.test || !dataSource) {
      console.error(USAGE);
      return 2;
    }
    const params: Record<string, unknown> = {};
    if (values.test === "chi2") Object.assign(params, { ...(values.mode ? { mode: values.mode } : {}), norm: values.norm, uf: values.uf, of: values.of });
    if (values.test === "kolmogorov") {
      Object.assign(params, { norm: values.norm, uf: values.uf, of: values.of, maxDist: values["max-dist"] });
      if (values.pseudo) params.pseudoExperiments = { count: Number(values.pseudo), seed: Number(values.seed ?? 1) };
    }
    for (const kv of values.param) {
      const eq = kv.indexOf("=");
      if (eq < 1) {
        console.error(`dqmflow compare: --param expects key=value, got '${kv}'`);
        return 2;
      }
      params[kv.slice(0, eq)] = paramValue(kv.slice(eq + 1));
    }
    const thresholds = values.error || values.warning ? { thresholds: { error: Number(values.error ?? 0.5), warning: Number(values.warning ?? 0.9) } } : {};
    const spec = { test: values.test, ...(Object.keys(params).length ? { params } : {}), ...thresholds };

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
  },
};
