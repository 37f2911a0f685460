/** Help text of `dqmflow compare`: the command's and one test's (its parameters with their CMSSW/ROOT/AutoDQM names). */
import type { TestName } from "../config/test-config";
import { TEST_DOCS, TEST_NAMES } from "./test-params";

export const COMPARE_USAGE = "usage: dqmflow compare --test <name> [--param key=value …] [options] DATA [REF…] [--json]";

export function compareHelp(): string {
  const tests = TEST_NAMES.map((t) => `  ${t.padEnd(24)} ${TEST_DOCS[t].summary}${TEST_DOCS[t].needsReference ? " (needs REF)" : ""}`).join("\n");
  return `${COMPARE_USAGE}
       dqmflow compare --pairs FILE.jsonl [--test chi2|kolmogorov] [--out FILE] [--threads N] [--error E] [--warning W]
       dqmflow compare --bench [--count N] [--json]
       dqmflow compare --test <name> --help          (that test's parameters)

One comparison: DATA and REF are JSROOT JSON files or file.root:<ME path>. Exit code 0 when the
test ran (whatever its verdict), 1 when it could not, 2 for a usage error.

Options:
  --test NAME          the test (below)
  --param KEY=VALUE    a test parameter; CMSSW QTest XML, ROOT option and AutoDQM names are
                       accepted for the same parameter (e.g. MinRel=0.5 for min); repeatable.
                       An unknown key is refused with the list of known ones.
  --error E            ERROR below E (default 0.5); with --max-dist: ERROR when D > E
  --warning W          WARNING below W (default 0.9); with --max-dist: WARNING when D > W
  --json               one JSON object instead of aligned text
  Shorthands for parameters (each belongs to one test and is refused by the others):
  --mode UU|UW|WW      chi2 mode               --norm        chi2 option NORM
  --ks-norm            kolmogorov option N     --max-dist    kolmogorov option M (distance)
  --uf, --of           chi2 UF/OF, kolmogorov U/O
  --pseudo N, --seed S kolmogorov option X: N pseudo-experiments, seeded

Batch (--pairs): each line {"id": …, "data": [n bin contents], "ref": [n bin contents]}, the same
n on every line (unweighted in-range bins). χ² UU and KS run on the worker pool
(server/compare/batch); one JSON line per input line, in order, to stdout or --out.

Tests:
${tests}`;
}

export function testHelp(test: TestName): string {
  const d = TEST_DOCS[test];
  const params = d.params.length
    ? d.params
        .map((p) => {
          const names = [p.name, ...(p.aliases ?? [])].join(", ");
          const type = p.values ? p.values.join("|") : p.kind;
          return `  ${names.padEnd(26)} ${type.padEnd(16)} ${p.help}`;
        })
        .join("\n")
    : "  (none)";
  return `dqmflow compare --test ${test}: ${d.summary}
usage: dqmflow compare --test ${test} [--param key=value …] DATA${d.needsReference ? " REF…" : ""} [--json]

Parameters (name, then the CMSSW XML / ROOT / AutoDQM names accepted for it):
${params}`;
}
