/**
 * How much one trend may ask for, shared by the API's schemas and the trend page's forms (plain
 * values, no imports: the browser bundle takes them too).
 */

/** The most runs one trend reads, whatever the selection: latest N, a list, a golden JSON, a range. */
export const MAX_TREND_RUNS = 20_000;

/** Series drawn over one trend from another subsystem, metric or dataset (the trend page's overlays). */
export const MAX_TREND_OVERLAYS = 4;
