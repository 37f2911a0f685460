/** Public surface of the comparison engine (for the tRPC procedure, HDQM and certification). */
export { chi2Test, deduceMode, type Chi2Mode, type Chi2Options, type Chi2Result } from "./chi2-test";
export { kolmogorovTest, type KolmogorovOptions, type KolmogorovResult } from "./kolmogorov-test";
export { pullValues, type PullOptions, type PullResult } from "./autodqm/pull-values";
export { betaBinomial, type BetaBinomialOptions, type BetaBinomialResult } from "./autodqm/beta-binomial";
export { runTest, runConfiguredTests, testsFor, type MonitorElementInput } from "./run-test";
export { compareOnce, type CompareRequest } from "./compare-once";
export { parseTestConfig, testConfigSchema, testSpecSchema, TestConfigError, type TestConfig, type TestSpec } from "./config/test-config";
export { parseQTestXml } from "./config/qtest-xml";
export { allocateBatch, allocateResults, type BatchResults, type PairBatch } from "./batch/batch-layout";
export { compareRange } from "./batch/batch-kernel";
export { createComparePool, type ComparePool } from "./batch/batch-pool";
export { DqmStatus, statusCode, statusFromScore, type DqmStatusName, type Thresholds } from "./status";
export type { TestResult } from "./result";
