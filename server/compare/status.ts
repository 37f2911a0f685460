/**
 * DQM quality-test status codes (CMSSW DQMServices/Core/interface/DQMNet.h, dqm::qstatus) and the
 * threshold rule of QCriterion: ERROR below `error`, WARNING below `warning`, OK otherwise.
 * `NO_DATA` is dqmflow's own (CMSSW has no such code): the test had nothing to look at (no
 * lumisection with entries, no histogram), which says nothing about quality and is never an alarm.
 */
export const DqmStatus = {
  OK: 100,
  WARNING: 200,
  ERROR: 300,
  OTHER: 30,
  DISABLED: 50,
  INVALID: 60,
  INSUF_STAT: 70,
  DID_NOT_RUN: 90,
  /** dqmflow's own, outside CMSSW's codes: nothing to test. */
  NO_DATA: -1,
} as const;

export type DqmStatusName = keyof typeof DqmStatus;
export type DqmStatusCode = (typeof DqmStatus)[DqmStatusName];

export interface Thresholds {
  /** Below this the status is ERROR (CMSSW default 0.50). */
  readonly error: number;
  /** Below this the status is WARNING (CMSSW default 0.90). */
  readonly warning: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { error: 0.5, warning: 0.9 };

/** QCriterion's mapping of a test value to a status; a negative value means the test could not run. */
export function statusFromScore(score: number, t: Thresholds = DEFAULT_THRESHOLDS): DqmStatusName {
  if (Number.isNaN(score) || score < 0) return "INVALID";
  if (score < t.error) return "ERROR";
  if (score < t.warning) return "WARNING";
  return "OK";
}

export function statusCode(name: DqmStatusName): DqmStatusCode {
  return DqmStatus[name];
}
