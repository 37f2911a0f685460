/**
 * A subsystem workspace's state of one dataset (`dataset_attributes.<ws>_state` in Run
 * Registry), moved by a person: the dataset state machine decides (role and edge), the move is
 * written and audited. The global workspace is not moved here: it follows its stage's sign-off
 * in the run's workflow.
 */
import type { Db } from "../../db/pool";
import type { Identity } from "../auth/identity";
import { auditKey, recordAudit } from "./audit.repository";
import { setDatasetState } from "./cert-run.repository";
import { CertificationRuleError, NotFoundError } from "./errors";
import { assertDatasetTransition, type DatasetState } from "./states";

export interface WorkspaceMove {
  readonly runNumber: number;
  readonly dataset: string;
  readonly workspace: string;
  readonly from: DatasetState;
  readonly to: DatasetState;
  /** The client's id for this move: a repeated request is audited once. */
  readonly requestId: string;
}

export async function moveWorkspaceState(db: Db, who: Identity, m: WorkspaceMove): Promise<{ state: DatasetState }> {
  if (m.workspace === "global") throw new CertificationRuleError("the global workspace follows its stage's sign-off; sign the stage off or reopen it");
  const rows = await db.selectFrom("cert_dataset").select(["workspace", "state", "stage", "frozen"]).where("run_number", "=", m.runNumber).where("dataset_name", "=", m.dataset).execute();
  const global = rows.find((r) => r.workspace === "global");
  if (!global) throw new NotFoundError(`run ${m.runNumber} has no dataset '${m.dataset}' under certification`);
  if (global.frozen) throw new CertificationRuleError(`dataset ${m.dataset} of run ${m.runNumber} is frozen`);
  const row = rows.find((r) => r.workspace === m.workspace);
  if (!row) throw new NotFoundError(`dataset ${m.dataset} of run ${m.runNumber} has no workspace '${m.workspace}'; it has: ${rows.map((r) => r.workspace).join(", ")}`);
  if (row.state !== m.from) throw new CertificationRuleError(`dataset ${m.dataset} of run ${m.runNumber} is ${row.state} in workspace ${m.workspace}, not ${m.from}`);
  assertDatasetTransition(m.from, m.to, who.role);
  await db.transaction().execute(async (trx) => {
    await setDatasetState(trx, m.runNumber, m.dataset, global.stage, [m.workspace], m.to);
    await recordAudit(trx, { key: auditKey("api", "workspace-state", m.requestId), runNumber: m.runNumber, kind: "workspace-state", actor: who.user, before: { dataset: m.dataset, workspace: m.workspace, state: m.from }, after: { dataset: m.dataset, workspace: m.workspace, state: m.to }, reason: "" });
  });
  return { state: m.to };
}
