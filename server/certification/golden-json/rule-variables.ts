/**
 * The variable names a golden-JSON rule can read here: the fixed facts, and the component and
 * DCS names of the data and the certification configuration (see rule-variable-check.ts). The
 * editor offers them as the expert types; the API refuses any other name before saving.
 */
import { sql } from "kysely";
import type { Db } from "../../../db/pool";
import { ruleVariableNames } from "./rule-variable-check";

/** Components flagged in the data or certified by the configuration, and the DCS bits lumisections carry. */
export async function ruleVariables(db: Db, configuredComponents: readonly string[]): Promise<string[]> {
  const [flagged, kept, dcs] = await Promise.all([
    db.selectFrom("cert_flag").select("component").distinct().execute(),
    db.selectFrom("cert_run").select(sql<string>`unnest(components)`.as("component")).distinct().execute(),
    // A run's lumisections carry the same DCS bits: its first one stands for all (reading every row took ~1 s on the demo's 130,000).
    db.selectFrom("lumisection").select(sql<string>`jsonb_object_keys(dcs)`.as("bit")).where("ls_number", "=", 1).distinct().execute(),
  ]);
  return ruleVariableNames([...configuredComponents, ...flagged.map((r) => r.component), ...kept.map((r) => r.component)], dcs.map((r) => r.bit));
}
