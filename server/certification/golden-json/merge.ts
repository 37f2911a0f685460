/** Merging partial golden-JSON results (one per chunk of datasets); pure, usable in workflow code. */
import type { GoldenJsonResult } from "./evaluate";

export function emptyGoldenJson(): GoldenJsonResult {
  return { golden: {}, antiGolden: {}, lumiKept: 0, lumiLost: 0, lossByRule: [] };
}

export function mergeGoldenJson(a: GoldenJsonResult, b: GoldenJsonResult): GoldenJsonResult {
  const losses = new Map(a.lossByRule.map((l) => [l.rule, { ...l }]));
  for (const l of b.lossByRule) {
    const m = losses.get(l.rule);
    if (m) losses.set(l.rule, { rule: l.rule, lumi: m.lumi + l.lumi, exclusiveLumi: m.exclusiveLumi + l.exclusiveLumi });
    else losses.set(l.rule, { ...l });
  }
  return {
    golden: { ...a.golden, ...b.golden },
    antiGolden: { ...a.antiGolden, ...b.antiGolden },
    lumiKept: a.lumiKept + b.lumiKept,
    lumiLost: a.lumiLost + b.lumiLost,
    lossByRule: [...losses.values()],
  };
}
