/** Whether a stage's dataset may be signed off, from its stored flags: lumisections without a status and BAD ranges without a comment, per component. */
import type { Db } from "../../db/pool";
import type { StageReadiness } from "../../workflows/certification/certify-run.messages";
import { flagChanges } from "./flag.repository";
import { effectiveFlags, signoffReadiness } from "./flags";

export async function stageReadiness(db: Db, runNumber: number, dataset: string, components: readonly string[], lsCount: number): Promise<StageReadiness> {
  const changes = await flagChanges(db, runNumber, dataset);
  const r = signoffReadiness(effectiveFlags(changes, components, lsCount), components);
  return { version: changes.reduce((m, c) => Math.max(m, c.id), 0), ...r };
}
