/** Anomaly detection on histograms (ML4DQM): what other features may import. */
export { anomalyScoreMetric } from "./anomaly-metric";
export { DEFAULT_FALSE_ALARM_RATES, scoreHistogram, trainAnomalyModel, type AnomalyModel, type HistogramScore, type TrainOptions } from "./anomaly-model";
export { MlError } from "./errors";
export { evaluateModels, type Evaluation } from "./evaluate";
export { readMl4dqmFile } from "./load-rows";
export { DEFAULT_PARAMS, type ModelKind, type ModelParams } from "./model";
export { modelFromJson, modelToJson, type ModelJson } from "./model-json";
