import type { Generated, Insertable, Selectable } from "kysely";

export const ingestKinds = ["dqm-root", "ml4dqm-csv", "oms-json", "oms-csv", "generated"] as const;
export type IngestKind = (typeof ingestKinds)[number];

/** Ingest bookkeeping: which file, which version, its checksum, when, and how it ended. */
export interface IngestFileTable {
  id: Generated<number>;
  path: string;
  kind: IngestKind;
  run_number: number | null;
  dataset_name: string | null;
  version: number | null;
  /** sha256 of the file's bytes, hex. */
  checksum: string;
  size_bytes: number;
  outcome: "ingested" | "failed";
  points: Generated<number>;
  /** Metrics (or rows) that could not be computed from this file. */
  skipped: Generated<number>;
  message: string | null;
  workflow_id: string | null;
  /** The subsystem of a per-subsystem online file (it replaces only that share of the dataset); '' otherwise. */
  scope: Generated<string>;
  ingested_at: Generated<Date>;
}

export type IngestFile = Selectable<IngestFileTable>;
export type NewIngestFile = Insertable<IngestFileTable>;
