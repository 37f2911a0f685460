/**
 * The database schema as Kysely sees it: one interface per table, merged into `Database`.
 * Each feature adds its tables in its own `db/tables/*.table.ts` file and lists them here.
 */
import type { AlarmAckTable } from "./tables/alarm-ack.table";
import type { CertAuditTable } from "./tables/cert-audit.table";
import type { CertCalibrationTable, CertComparisonTable, CertDatasetTable, CertFlagTable, CertNotificationTable, CertReferenceTable, CertRunTable } from "./tables/certification.table";
import type { DatasetTable } from "./tables/dataset.table";
import type { GoldenJsonTable, GoldenRuleTable } from "./tables/golden-json.table";
import type { FlagCauseTable } from "./tables/flag-cause.table";
import type { FileQualityResultTable } from "./tables/file-quality-result.table";
import type { IngestFileTable } from "./tables/ingest-file.table";
import type { LsHistogramTable } from "./tables/ls-histogram.table";
import type { MetricDefinitionTable } from "./tables/metric-definition.table";
import type { MetricPointTable } from "./tables/metric-point.table";
import type { MlModelTable } from "./tables/ml-model.table";
import type { StoredHistogramTable } from "./tables/stored-histogram.table";
import type { TrendAlarmTable } from "./tables/trend-alarm.table";
import type { LumisectionTable } from "./tables/lumisection.table";
import type { RunTable } from "./tables/run.table";
import type { RuleVariableNameTable } from "./tables/rule-variable-name.table";
import type { ShortLinkTable } from "./tables/short-link.table";
import type { StoredSelectionTable } from "./tables/stored-selection.table";

export interface Database {
  short_link: ShortLinkTable;
  rule_variable_name: RuleVariableNameTable;
  stored_selection: StoredSelectionTable;
  run: RunTable;
  lumisection: LumisectionTable;
  dataset: DatasetTable;
  cert_run: CertRunTable;
  cert_dataset: CertDatasetTable;
  cert_flag: CertFlagTable;
  cert_comparison: CertComparisonTable;
  cert_audit: CertAuditTable;
  cert_calibration: CertCalibrationTable;
  cert_notification: CertNotificationTable;
  cert_reference: CertReferenceTable;
  golden_rule: GoldenRuleTable;
  golden_json: GoldenJsonTable;
  metric_definition: MetricDefinitionTable;
  metric_point: MetricPointTable;
  stored_histogram: StoredHistogramTable;
  trend_alarm: TrendAlarmTable;
  ingest_file: IngestFileTable;
  file_quality_result: FileQualityResultTable;
  ls_histogram: LsHistogramTable;
  ml_model: MlModelTable;
  alarm_ack: AlarmAckTable;
  flag_cause: FlagCauseTable;
}
