import type { Selectable } from "kysely";

/** A component name some flag carries or a DCS bit some lumisection carries: what a golden-JSON rule may read (kept by triggers). */
export interface RuleVariableNameTable {
  kind: "component" | "dcs";
  name: string;
}

export type RuleVariableName = Selectable<RuleVariableNameTable>;
