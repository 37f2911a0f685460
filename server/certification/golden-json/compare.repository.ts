/** Comparing stored golden JSONs (with the recorded luminosity of what changed) and versions of a rule set. */
import type { Db } from "../../../db/pool";
import { diffGoldenJson, lineDiff, ruleText } from "./diff";
import { getGoldenJson, getRule } from "./golden-json.repository";

const summary = (g: Awaited<ReturnType<typeof getGoldenJson>>) => ({ id: g.id, ruleName: g.rule_name, ruleVersion: g.rule_version, datasetPattern: g.dataset_pattern, tag: g.tag, official: g.official, lumiKept: g.lumi_kept, runs: Object.keys(g.golden).length, createdAt: g.created_at });

/** What golden JSON `toId` gained and lost against `fromId`: runs, lumisections and their recorded luminosity. */
export async function compareGoldenJsons(db: Db, fromId: number, toId: number) {
  const [a, b] = await Promise.all([getGoldenJson(db, fromId), getGoldenJson(db, toId)]);
  // The luminosity is read only for the runs whose lumisections differ.
  const rough = diffGoldenJson(a.golden, b.golden, () => 0);
  const runs = [...new Set([...Object.keys(rough.gained), ...Object.keys(rough.lost)])].map(Number);
  const rows = runs.length ? await db.selectFrom("lumisection").select(["run_number", "ls_number", "recorded_lumi"]).where("run_number", "in", runs).execute() : [];
  const lumi = new Map(rows.map((r) => [`${r.run_number}:${r.ls_number}`, r.recorded_lumi ?? 0]));
  return { from: summary(a), to: summary(b), diff: diffGoldenJson(a.golden, b.golden, (run, ls) => lumi.get(`${run}:${ls}`) ?? 0) };
}

/** Two versions of a rule set: its JSON-logic line by line, and the dataset pattern of each. */
export async function compareRuleVersions(db: Db, name: string, fromVersion: number, toVersion: number) {
  const [a, b] = await Promise.all([getRule(db, name, fromVersion), getRule(db, name, toVersion)]);
  const side = (r: typeof a) => ({ version: r.version, datasetPattern: r.dataset_pattern, createdBy: r.created_by, createdAt: r.created_at, locked: r.locked });
  return { name, from: side(a), to: side(b), lines: lineDiff(ruleText(a.logic), ruleText(b.logic)) };
}
