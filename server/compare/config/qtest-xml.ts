/**
 * CMSSW quality-test XML (DQMServices/ClientConfig QTestConfigurationParser): <QTEST name> with a
 * <TYPE> and <PARAM name> children, and <LINK name="pattern"> elements listing <TestName
 * activate="true"> to attach tests to MEs. Converted to our configuration; CMSSW matches LINK
 * patterns with fnmatch without FNM_PATHNAME, so its `*` becomes our `**`. Parameters are read as
 * QTestConfigure.cc reads them (DQMServices/ClientConfig/src/QTestConfigure.cc): a missing one is
 * "0" (so missing warning/error thresholds are 0/0 and a missing useEmptyBins is off), flags and
 * counts are `(unsigned int) atof(…)`, toleranceMean = 0 leaves the mean check off.
 */
import { parseTestConfig, type TestConfig } from "./test-config";
import { TestConfigError } from "./test-config";

interface RawTest {
  type: string;
  params: Map<string, string>;
}

const ENTITIES: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&apos;": "'" };
const decode = (s: string): string => s.replace(/&(lt|gt|amp|quot|apos);/g, (m) => ENTITIES[m] ?? m).trim();

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`${name}\\s*=\\s*"([^"]*)"`, "i").exec(tag);
  return m ? decode(m[1]!) : undefined;
}

function num(p: Map<string, string>, key: string): number | undefined {
  const v = p.get(key);
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new TestConfigError(`QTest XML: parameter ${key}='${v}' is not a number`, [{ path: key, message: "not a number" }]);
  return n;
}
const flag = (p: Map<string, string>, key: string): boolean | undefined => (p.has(key) ? num(p, key) !== 0 : undefined);
/** QTestConfigure::findOrDefault(params, key, "0"): a missing parameter reads as 0. */
const zero = (p: Map<string, string>, key: string): number => num(p, key) ?? 0;
/** `(unsigned int) atof(…)`: truncated; a negative value (undefined behaviour in C++) reads as 0 here. */
const unsigned = (p: Map<string, string>, key: string): number => Math.max(0, Math.trunc(zero(p, key)));

/** Maps a CMSSW QTEST to our test name and parameters. */
function convert(t: RawTest): { test: string; params?: Record<string, unknown> } {
  const p = t.params;
  switch (t.type) {
    case "ContentsXRange":
      return { test: t.type, params: { xmin: zero(p, "xmin"), xmax: zero(p, "xmax") } };
    case "ContentsYRange":
      return { test: t.type, params: { ymin: zero(p, "ymin"), ymax: zero(p, "ymax"), useEmptyBins: unsigned(p, "useEmptyBins") !== 0 } };
    case "DeadChannel":
      return { test: t.type, params: { threshold: unsigned(p, "threshold") } };
    case "NoisyChannel":
      return { test: t.type, params: { tolerance: zero(p, "tolerance"), neighbours: unsigned(p, "neighbours") } };
    case "ContentSigma":
      return {
        test: t.type,
        params: {
          toleranceNoisy: num(p, "toleranceNoisy"),
          toleranceDead: num(p, "toleranceDead"),
          noisy: flag(p, "noisy") ?? true,
          dead: flag(p, "dead") ?? true,
          xBlocks: num(p, "Xblocks") ?? 999,
          yBlocks: num(p, "Yblocks") ?? 999,
          neighboursX: num(p, "neighboursX") ?? 1,
          neighboursY: num(p, "neighboursY") ?? 1,
          xMin: num(p, "xMin") ?? 0,
          xMax: num(p, "xMax") ?? 0,
          yMin: num(p, "yMin") ?? 0,
          yMax: num(p, "yMax") ?? 0,
        },
      };
    case "MeanWithinExpected": {
      const minEntries = num(p, "minEntries");
      if (flag(p, "useRange")) return { test: t.type, params: { mode: "range", xmin: num(p, "xmin") ?? 0, xmax: num(p, "xmax") ?? 0, minEntries } };
      if (flag(p, "useRMS")) return { test: t.type, params: { mode: "rms", mean: num(p, "mean") ?? 0, minEntries } };
      return { test: t.type, params: { mode: "sigma", mean: num(p, "mean") ?? 0, sigma: num(p, "useSigma") ?? 0, minEntries } };
    }
    case "ContentsWithinExpected": {
      const minMean = num(p, "minMean");
      const maxMean = num(p, "maxMean");
      const minRMS = num(p, "minRMS");
      const maxRMS = num(p, "maxRMS");
      // CMSSW only switches a check on when its bounds are set and not both zero.
      return {
        test: t.type,
        params: {
          useEmptyBins: unsigned(p, "useEmptyBins") !== 0,
          minEntries: num(p, "minEntries"),
          meanRange: minMean !== undefined && maxMean !== undefined && (minMean !== 0 || maxMean !== 0) ? [minMean, maxMean] : undefined,
          rmsRange: minRMS !== undefined && maxRMS !== undefined && (minRMS !== 0 || maxRMS !== 0) ? [minRMS, maxRMS] : undefined,
          // `if (toleranceMean != 0) setMeanTolerance(…)`, and the setter ignores negatives.
          toleranceMean: zero(p, "toleranceMean") > 0 ? zero(p, "toleranceMean") : undefined,
        },
      };
    }
    case "CompareToMedian":
      return { test: t.type, params: { min: num(p, "MinRel") ?? 0, max: num(p, "MaxRel") ?? 0, minMedian: num(p, "MinAbs") ?? 0, maxMedian: num(p, "MaxAbs") ?? 0, useEmptyBins: flag(p, "UseEmptyBins") ?? false, statCut: num(p, "StatCut") ?? 0 } };
    case "CompareLastFilledBin":
      return { test: t.type, params: { min: num(p, "MinVal") ?? 0, max: num(p, "MaxVal") ?? 0, average: num(p, "AvVal") ?? 0 } };
    case "CheckVariance":
    case "Comp2RefEqualH":
    case "Comp2RefChi2":
    case "Comp2RefKolmogorov":
      return { test: t.type };
    default:
      throw new TestConfigError(`QTest XML: unsupported test type '${t.type}'`, [{ path: t.type, message: "unsupported test type" }]);
  }
}

const stripUndefined = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** Parses CMSSW QTest XML into a validated configuration (one entry per active test and LINK). */
export function parseQTestXml(xml: string): TestConfig {
  const text = xml.replace(/<!--[\s\S]*?-->/g, "");
  const tests = new Map<string, RawTest & { error?: number; warning?: number }>();
  for (const m of text.matchAll(/<QTEST\b([^>]*)>([\s\S]*?)<\/QTEST>/gi)) {
    const name = attr(m[1]!, "name");
    if (!name) continue;
    const body = m[2]!;
    const type = decode(/<TYPE>([\s\S]*?)<\/TYPE>/i.exec(body)?.[1] ?? "");
    const params = new Map<string, string>();
    for (const pm of body.matchAll(/<PARAM\b([^>]*)>([\s\S]*?)<\/PARAM>/gi)) {
      const key = attr(pm[1]!, "name");
      if (key) params.set(key, decode(pm[2]!));
    }
    tests.set(name, { type, params, error: num(params, "error"), warning: num(params, "warning") });
  }
  const specs: Record<string, unknown>[] = [];
  for (const m of text.matchAll(/<LINK\b([^>]*)>([\s\S]*?)<\/LINK>/gi)) {
    const pattern = attr(m[1]!, "name");
    if (!pattern) continue;
    for (const tm of m[2]!.matchAll(/<TestName\b([^>]*)>([\s\S]*?)<\/TestName>/gi)) {
      if ((attr(tm[1]!, "activate") ?? "true").toLowerCase() !== "true") continue;
      const testName = decode(tm[2]!);
      const raw = tests.get(testName);
      if (!raw) throw new TestConfigError(`QTest XML: LINK ${pattern} names unknown test '${testName}'`, [{ path: pattern, message: `unknown test ${testName}` }]);
      const { test, params } = convert(raw);
      specs.push({
        name: `${testName}@${pattern}`,
        match: [pattern.replace(/\*+/g, "**")],
        test,
        ...(params ? { params: stripUndefined(params) } : {}),
        thresholds: { error: raw.error ?? 0, warning: raw.warning ?? 0 },
      });
    }
  }
  return parseTestConfig({ version: 1, tests: specs });
}
