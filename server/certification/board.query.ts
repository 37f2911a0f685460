/** Read side of certification: the board (runs × stages × status) and one run's detail. */
import type { Client } from "@temporalio/client";
import type { Db } from "../../db/pool";
import type { Stage } from "../../db/tables/dataset.table";
import { certificationQuery, type CertificationView, certifyRunWorkflowId } from "../../workflows/certification/certify-run.messages";
import { signoffStatuses } from "../overview/run-progress";
import { auditTrail } from "./audit.repository";
import { fileQualityResults } from "./file-quality-results";
import { calibrationOf, componentsOf, datasetStates, getCertRun } from "./cert-run.repository";
import { coverageSummary } from "./coverage";
import { NotFoundError } from "./errors";
import { flagChanges } from "./flag.repository";
import { effectiveFlags, signoffBlockers, signoffReadiness } from "./flags";

export interface BoardFilter {
  readonly stage?: Stage;
  readonly certStatus?: string;
  /** Only runs whose current stage waits for a shifter's sign-off ("runs waiting for me"). */
  readonly waitingForSignoff?: boolean;
  readonly runClass?: string;
  readonly state?: string;
  readonly runFrom?: number;
  readonly runTo?: number;
  /** Runs that started on or after / before this time. */
  readonly startedFrom?: Date;
  readonly startedBefore?: Date;
  readonly limit: number;
  readonly offset: number;
}

export async function certificationBoard(db: Db, f: BoardFilter) {
  let q = db.selectFrom("cert_run").leftJoin("run", "run.run_number", "cert_run.run_number").selectAll("cert_run").select("run.start_time");
  if (f.stage) q = q.where("cert_run.stage", "=", f.stage);
  if (f.certStatus) q = q.where("cert_status", "=", f.certStatus);
  if (f.waitingForSignoff) q = q.where("cert_status", "in", signoffStatuses);
  if (f.runClass) q = q.where("cert_run.run_class", "=", f.runClass);
  if (f.state) q = q.where("state", "=", f.state);
  if (f.runFrom !== undefined) q = q.where("cert_run.run_number", ">=", f.runFrom);
  if (f.runTo !== undefined) q = q.where("cert_run.run_number", "<=", f.runTo);
  if (f.startedFrom) q = q.where("run.start_time", ">=", f.startedFrom);
  if (f.startedBefore) q = q.where("run.start_time", "<", f.startedBefore);
  const runs = await q.orderBy("cert_run.run_number", "desc").limit(f.limit).offset(f.offset).execute();
  const datasets = runs.length
    ? await db.selectFrom("cert_dataset").select(["run_number", "dataset_name", "stage", "state", "frozen"]).where("workspace", "=", "global").where("run_number", "in", runs.map((r) => r.run_number)).execute()
    : [];
  const revoked = await revokedSignoffs(db, runs.map((r) => r.run_number));
  return runs.map((r) => ({
    runNumber: r.run_number,
    runClass: r.run_class,
    state: r.state,
    stage: r.stage,
    certStatus: r.cert_status,
    lastError: r.last_error,
    updatedAt: r.updated_at,
    startTime: r.start_time,
    stages: datasets.filter((d) => d.run_number === r.run_number).map((d) => ({ stage: d.stage, dataset: d.dataset_name, state: d.state, frozen: d.frozen })),
    /** Stages whose latest sign-off an expert revoked (and nobody signed again since). */
    revoked: revoked.filter((v) => v.runNumber === r.run_number),
  }));
}

/** The stage of a sign-off or reopen audit row: its key is `<workflow id>/<stage>/<step>/<n>`. */
function stageOfKey(key: string): string {
  return key.split("/")[1] ?? "";
}

async function revokedSignoffs(db: Db, runNumbers: readonly number[]) {
  if (runNumbers.length === 0) return [];
  const rows = await db.selectFrom("cert_audit").select(["run_number", "kind", "actor", "reason", "at", "idempotency_key"]).where("run_number", "in", runNumbers).where("kind", "in", ["signoff", "reopen"]).orderBy("id").execute();
  const last = new Map<string, (typeof rows)[number]>();
  for (const r of rows) last.set(`${r.run_number}/${stageOfKey(r.idempotency_key)}`, r);
  return [...last.values()].filter((r) => r.kind === "reopen").map((r) => ({ runNumber: r.run_number, stage: stageOfKey(r.idempotency_key), by: r.actor, reason: r.reason, at: r.at }));
}

export function temporalUiLink(uiUrl: string, namespace: string, workflowId: string): string {
  return `${uiUrl.replace(/\/$/, "")}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

/** Everything the run page shows. The live workflow view is included when the workflow can be queried. */
export async function runCertificationDetail(db: Db, temporal: () => Promise<Client>, ui: { url: string; namespace: string }, runNumber: number) {
  const cert = await getCertRun(db, runNumber);
  if (!cert) {
    const run = await db.selectFrom("run").select("run_number").where("run_number", "=", runNumber).executeTakeFirst();
    throw new NotFoundError(run ? `run ${runNumber} has no certification yet` : `unknown run ${runNumber}`);
  }
  const components = componentsOf(cert);
  const [datasets, comparisons, fileQuality, audit, calibration, lumis] = await Promise.all([
    datasetStates(db, runNumber),
    db.selectFrom("cert_comparison").selectAll().where("run_number", "=", runNumber).orderBy("stage").orderBy("me_path").orderBy("test").execute(),
    fileQualityResults(db, runNumber),
    auditTrail(db, runNumber),
    calibrationOf(db, runNumber),
    db.selectFrom("lumisection").select(["ls_number", "recorded_lumi"]).where("run_number", "=", runNumber).execute(),
  ]);
  const lumiByLs = new Map(lumis.map((l) => [l.ls_number, l.recorded_lumi ?? 0]));
  const names = [...new Set(datasets.map((d) => d.dataset_name))];
  const flags = await Promise.all(
    names.map(async (dataset) => {
      const changes = await flagChanges(db, runNumber, dataset);
      const effective = effectiveFlags(changes, components, cert.ls_count);
      const readiness = signoffReadiness(effective, components);
      const undoneBy = Object.fromEntries(changes.filter((c) => c.undoOf !== null).map((c) => [c.undoOf!, c.id]));
      return {
        dataset,
        history: changes.map((c) => ({ ...c, undoneBy: undoneBy[c.id] ?? null })),
        effective,
        coverage: coverageSummary(effective, components, lumiByLs),
        componentsWithoutStatus: Object.entries(readiness.unknownLs).filter(([, n]) => n > 0).map(([c]) => c),
        blockers: signoffBlockers(effective),
      };
    }),
  );
  let live: CertificationView | null = null;
  try {
    live = await (await temporal()).workflow.getHandle(certifyRunWorkflowId(runNumber)).query(certificationQuery);
  } catch {
    live = null;
  }
  const missingSignoffs = datasets.filter((d) => d.workspace === "global" && (d.state === "OPEN" || d.state === "waiting dqm gui")).map((d) => ({ stage: d.stage, dataset: d.dataset_name }));
  return {
    run: { runNumber, runClass: cert.run_class, state: cert.state, stage: cert.stage, certStatus: cert.cert_status, lsCount: cert.ls_count, lastError: cert.last_error },
    datasets,
    comparisons,
    /** Quality tests CMSSW ran when it made the files (read from them at ingest). */
    fileQuality,
    flags,
    audit,
    calibration,
    missingSignoffs,
    live,
    temporalUrl: temporalUiLink(ui.url, ui.namespace, cert.workflow_id),
  };
}
