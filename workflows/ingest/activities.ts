/**
 * Activities of the ingest workflows: thin wrappers over server/ingest (the same functions the
 * CLI's `--local` mode calls). They take and return paths, ids and counts — never histogram
 * payloads. Input problems become non-retryable ApplicationFailures (after the failure is
 * written to the bookkeeping); anything else is thrown as is and retried by the workflow's policy.
 */
import { ApplicationFailure, Context } from "@temporalio/activity";
import type { Client } from "@temporalio/client";
import type { Db } from "../../db/pool";
import { announceRunMetadata, announceStageData } from "../../server/certification/announce";
import { loadCertificationConfig } from "../../server/certification/certification-config-file";
import type { CertificationConfig } from "../../server/certification/certification-config";
import { metricCatalog } from "../../server/ingest/catalog";
import { ingestDqmFile, type DqmFileReport } from "../../server/ingest/ingest-dqm-file";
import { IngestInputError } from "../../server/ingest/ingest-errors";
import { meSelection } from "../../server/ingest/me-selection";
import { ingestOmsFile, type OmsFileReport } from "../../server/ingest/oms-file";
import { planOmsScan, planScan, type OmsScanPlan, type ScanPlan } from "../../server/ingest/scan";

export interface IngestActivityDeps {
  db: Db;
  /** Folder of the metric configs; config/metrics/ of the repository by default. */
  metricConfigDir?: string;
  /** Certification configuration file; config/certification.json by default. */
  certificationConfigFile?: string;
  /** Globs of extra MEs to keep (INGEST_KEEP_MES). */
  keepMes?: readonly string[];
  /** Temporal, to wake certification; absent in setups that only ingest. */
  temporal?: () => Promise<Client>;
  /** The task queue certification workflows run on. */
  taskQueue?: string;
}

export type DqmFileSummary = Omit<DqmFileReport, "skippedMetrics"> & { readonly skippedMetrics: number };

function optionalWorkflowId(id: string | undefined): { workflowId?: string } {
  return id ? { workflowId: id } : {};
}

function nonRetryable(err: IngestInputError): ApplicationFailure {
  return ApplicationFailure.create({ message: err.message, type: err.type, nonRetryable: true, cause: err });
}

export function createIngestActivities(deps: IngestActivityDeps) {
  const certificationConfig = (): Promise<CertificationConfig> => loadCertificationConfig(deps.certificationConfigFile);
  const announceDeps = () => {
    if (!deps.temporal || !deps.taskQueue) throw ApplicationFailure.nonRetryable("this worker has no Temporal client to wake certification", "NoTemporal");
    return { db: deps.db, temporal: deps.temporal, taskQueue: deps.taskQueue, certificationConfig };
  };
  const workflowId = (): string | undefined => Context.current().info.workflowExecution?.workflowId;

  return {
    /** Reads the MEs consumers need, computes the metrics, writes everything in one transaction. */
    async ingestDqmFile(input: { path: string; referenceRun?: number }): Promise<DqmFileSummary> {
      const catalog = await metricCatalog(deps.metricConfigDir);
      const selection = meSelection({ metrics: catalog.metrics, certification: await certificationConfig(), keep: deps.keepMes ?? [] });
      // Heartbeats while this worker lives: a worker that dies mid-file is noticed within the
      // heartbeat timeout and the file goes to another (the write is one transaction, so nothing is half-written).
      const ctx = Context.current();
      ctx.heartbeat(input.path);
      const alive = setInterval(() => ctx.heartbeat(input.path), 2_000);
      try {
        const r = await ingestDqmFile(deps.db, catalog, input.path, { selection, ...optionalWorkflowId(workflowId()), ...(input.referenceRun !== undefined ? { referenceRun: input.referenceRun } : {}) });
        return { ...r, skippedMetrics: r.skippedMetrics.length };
      } catch (err) {
        if (err instanceof IngestInputError) throw nonRetryable(err);
        throw err;
      } finally {
        clearInterval(alive);
      }
    },

    /** Imports one OMS metadata file (runs and lumisections) in one transaction. */
    async ingestOmsFile(input: { path: string }): Promise<OmsFileReport> {
      try {
        return await ingestOmsFile(deps.db, input.path, optionalWorkflowId(workflowId()));
      } catch (err) {
        if (err instanceof IngestInputError) throw nonRetryable(err);
        throw err;
      }
    },

    /** Signals (or starts) `certify-run-<run>`: the stage's data are stored. */
    async announceStageData(input: { runNumber: number; dataset: string }): Promise<{ workflowId: string }> {
      return announceStageData(announceDeps(), input.runNumber, input.dataset);
    },

    /** Signals (or starts) `certify-run-<run>`: OMS metadata of the run is stored. */
    async announceRunMetadata(input: { runNumber: number }): Promise<{ workflowId: string }> {
      return announceRunMetadata(announceDeps(), input.runNumber);
    },

    /** The files of the watched folders to ingest now. */
    async planWatchedFolders(input: { dqmDir?: string; omsDir?: string }): Promise<{ dqm: ScanPlan | null; oms: OmsScanPlan | null }> {
      return {
        oms: input.omsDir ? await planOmsScan(deps.db, input.omsDir) : null,
        dqm: input.dqmDir ? await planScan(deps.db, input.dqmDir) : null,
      };
    },
  };
}

export type IngestActivities = ReturnType<typeof createIngestActivities>;
