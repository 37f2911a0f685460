/**
 * The variable names a golden-JSON rule can read here: the fixed facts, and the component and
 * DCS names of the data and the certification configuration (see rule-variable-check.ts). The
 * editor offers them as the expert types; the API refuses any other name before saving.
 *
 * The data's names come from `rule_variable_name`, which triggers keep as flags and
 * lumisections are written (migration 2026-12-01T1620), and the certified components from
 * `cert_run` (one row per run): no read here grows with the number of flags or lumisections.
 */
import { sql } from "kysely";
import type { Db } from "../../../db/pool";
import { loadCertificationConfig } from "../certification-config-file";
import { ruleVariableNames } from "./rule-variable-check";

/** Components flagged in the data, certified by a run's workflow or by the configuration, and the DCS bits lumisections carry. */
export async function ruleVariables(db: Db, configuredComponents: readonly string[]): Promise<string[]> {
  const [seen, kept] = await Promise.all([
    db.selectFrom("rule_variable_name").select(["kind", "name"]).execute(),
    db.selectFrom("cert_run").select(sql<string>`unnest(components)`.as("component")).distinct().execute(),
  ]);
  const components = [...configuredComponents, ...kept.map((r) => r.component), ...seen.filter((r) => r.kind === "component").map((r) => r.name)];
  return ruleVariableNames(components, seen.filter((r) => r.kind === "dcs").map((r) => r.name));
}

/**
 * The names for the certification configuration in `configFile` (default: config/certification.json; read at each call, as a run's
 * workflow reads it when it starts). An unreadable or invalid configuration is an error that
 * names the file: refusing a rule for a reason the expert can see beats judging it against no
 * configured components.
 */
export async function knownRuleVariables(db: Db, configFile: string | undefined): Promise<string[]> {
  const config = await loadCertificationConfig(configFile);
  return ruleVariables(db, config.components);
}
