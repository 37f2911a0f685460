/**
 * Trend x axes: run number, start time, fill, or bars whose widths are proportional to the run's
 * duration or delivered luminosity (placed end to end in run order, x at the bar's centre).
 */
export const xAxes = ["run", "time", "fill", "duration", "luminosity"] as const;
export type XAxis = (typeof xAxes)[number];

export interface RunAxisInput {
  readonly run: ArrayLike<number>;
  readonly startTime: ArrayLike<number>;
  readonly fill: ArrayLike<number | null>;
  readonly durationS: ArrayLike<number | null>;
  /** Luminosity used for widths (delivered, or certified when a golden JSON selects runs), /pb. */
  readonly lumi: ArrayLike<number | null>;
}

export interface RunAxis {
  /** One x per run, in the input's order (runs sorted by number); null when unknown (no fill). */
  readonly x: (number | null)[];
  /** Widths for the proportional axes, else null. */
  readonly width: number[] | null;
}

export function runAxis(axis: XAxis, runs: RunAxisInput): RunAxis {
  const n = runs.run.length;
  const x: (number | null)[] = new Array<number | null>(n);
  if (axis === "run" || axis === "time" || axis === "fill") {
    const src = axis === "run" ? runs.run : axis === "time" ? runs.startTime : runs.fill;
    for (let i = 0; i < n; i++) x[i] = src[i] ?? null;
    return { x, width: null };
  }
  // Hours for duration; /pb for luminosity.
  const width = new Array<number>(n);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const w = Math.max(0, axis === "duration" ? (runs.durationS[i] ?? 0) / 3600 : (runs.lumi[i] ?? 0));
    width[i] = w;
    x[i] = at + w / 2;
    at += w;
  }
  return { x, width };
}
