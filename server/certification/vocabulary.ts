/**
 * One vocabulary for every state on the certification pages. The run's state (Run Registry's
 * OPEN / SIGNOFF / COMPLETED), each stage's dataset state and the workflow's status are three
 * stores of one story; pages show them all in the workflow's words, each explained once in
 * the legend. Flag statuses (GOOD, BAD…) are Run Registry's words for data quality and stay.
 */
export interface Word {
  readonly word: string;
  readonly means: string;
}

/** The words of the certification progress, in the order a run meets them. */
export const progressWords: readonly Word[] = [
  { word: "starting", means: "the run's workflow has just started" },
  { word: "waiting-data", means: "the stage's DQM files have not been ingested yet" },
  { word: "waiting-metadata", means: "the data came before OMS's run metadata; the run class decides the reference" },
  { word: "data-overdue", means: "the stage's data are late; the workflow keeps waiting" },
  { word: "comparing", means: "comparisons against the reference run and automatic flags are being made" },
  { word: "open", means: "flags of this stage can be changed; it waits for a shifter's sign-off" },
  { word: "awaiting-signoff", means: "comparisons done: a shifter checks the flags and signs off" },
  { word: "comparison-failed", means: "comparisons could not run; once the cause is fixed a shifter retries them from the run page, or flags by hand and signs off" },
  { word: "reopened", means: "an expert revoked a sign-off: the stage needs a new one" },
  { word: "signed-off", means: "a shifter signed the stage off; only experts change its flags" },
  { word: "calibration-gate", means: "express is signed; prompt waits for the prompt calibrations" },
  { word: "calibration-ready", means: "all prompt calibrations done: prompt reconstruction released" },
  { word: "calibration-timeout", means: "prompt released with previous conditions: a calibration was late" },
  { word: "notification-failed", means: "Tier-0 could not be told that prompt reconstruction may start" },
  { word: "completed", means: "the stage is closed" },
  { word: "certified", means: "every stage of the run is signed off" },
  { word: "reprocessing", means: "a reprocessing campaign certifies the run again" },
];

const stateWords: Record<string, string> = {
  "waiting dqm gui": "waiting-data",
  OPEN: "open",
  SIGNOFF: "signed-off",
  COMPLETED: "completed",
};

/** The word shown for a run state, a dataset state or a workflow status. */
export function progressWord(status: string): string {
  if (status.startsWith("reprocessing:")) return status;
  return stateWords[status] ?? status;
}

/** What a shown word means, for its tooltip; empty for words outside the vocabulary. */
export function meaningOf(status: string): string {
  const word = progressWord(status);
  return progressWords.find((w) => w.word === word || (w.word === "reprocessing" && word.startsWith("reprocessing")))?.means ?? "";
}

/** The run's state in the same words: which of its stages it has reached in Run Registry's terms. */
export const runStateWords: Record<string, string> = {
  OPEN: "online not yet signed off",
  SIGNOFF: "online signed off",
  COMPLETED: "prompt signed off",
};
