/** Public surface of the metric library and its configuration, for ingest and the trend API. */
export { computeMetric, parseMetricParams, type MetricCall } from "./compute-metric";
export { MetricError, type MetricErrorCode } from "./metric-error";
export type { CompareFn, Comparison, MetricDeps, MetricInputs, MetricResult, ReferenceComparators } from "./metric-types";
export { metricRegistry } from "./registry";
export { formatProblem, type ConfigProblem, type ConfigProblemReason } from "./config/config-error";
export { buildCatalog, loadMetricConfigReport, loadMetricConfigs, type FileSummary, type LoadedCatalog, type MetricConfigReport } from "./config/load-metric-configs";
export type { CorrelationGroup, DisplayGroup, MetricCatalog, MetricDefinition, TrendCheck } from "./config/metric-config";
