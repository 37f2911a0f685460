/**
 * The Histogram model as plain JSON (typed arrays as number lists), for stored_histogram rows
 * and for activity payloads. `decodeHistogram` validates, so a bad row is an error, not a NaN.
 */
import { z } from "zod";
import type { Axis, Histogram } from "../histograms/histogram";

const axisSchema = z.object({
  nbins: z.number().int().positive(),
  min: z.number(),
  max: z.number(),
  edges: z.array(z.number()).optional(),
  labels: z.array(z.string()).optional(),
});

const histogramSchema = z.object({
  kind: z.enum(["TH1", "TH2", "TProfile", "TProfile2D"]),
  name: z.string(),
  title: z.string(),
  x: axisSchema,
  y: axisSchema.optional(),
  contents: z.array(z.number()),
  sumw2: z.array(z.number()).optional(),
  binEntries: z.array(z.number()).optional(),
  binSumw2: z.array(z.number()).optional(),
  errorOption: z.string().optional(),
  entries: z.number(),
  stats: z
    .object({
      sumw: z.number(),
      sumw2: z.number(),
      sumwx: z.number(),
      sumwx2: z.number(),
      sumwy: z.number().optional(),
      sumwy2: z.number().optional(),
      sumwxy: z.number().optional(),
    })
    .optional(),
});

export type EncodedHistogram = z.infer<typeof histogramSchema>;

function encodeAxis(a: Axis): EncodedHistogram["x"] {
  return { nbins: a.nbins, min: a.min, max: a.max, ...(a.edges ? { edges: Array.from(a.edges) } : {}), ...(a.labels ? { labels: [...a.labels] } : {}) };
}

function decodeAxis(a: EncodedHistogram["x"]): Axis {
  return { nbins: a.nbins, min: a.min, max: a.max, ...(a.edges ? { edges: Float64Array.from(a.edges) } : {}), ...(a.labels ? { labels: a.labels } : {}) };
}

export function encodeHistogram(h: Histogram): EncodedHistogram {
  return {
    kind: h.kind,
    name: h.name,
    title: h.title,
    x: encodeAxis(h.x),
    ...(h.y ? { y: encodeAxis(h.y) } : {}),
    contents: Array.from(h.contents),
    ...(h.sumw2 ? { sumw2: Array.from(h.sumw2) } : {}),
    ...(h.binEntries ? { binEntries: Array.from(h.binEntries) } : {}),
    ...(h.binSumw2 ? { binSumw2: Array.from(h.binSumw2) } : {}),
    ...(h.errorOption !== undefined ? { errorOption: h.errorOption } : {}),
    entries: h.entries,
    ...(h.stats ? { stats: { ...h.stats } } : {}),
  };
}

export class HistogramCodecError extends Error {
  override readonly name = "HistogramCodecError";
}

/** Validates and rebuilds a Histogram; throws HistogramCodecError naming the first problem. */
export function decodeHistogram(value: unknown): Histogram {
  const parsed = histogramSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HistogramCodecError(`stored histogram is malformed at ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`);
  }
  const e = parsed.data;
  const cells = (e.x.nbins + 2) * (e.y ? e.y.nbins + 2 : 1);
  if (e.contents.length !== cells) throw new HistogramCodecError(`stored histogram ${e.name}: ${e.contents.length} contents for ${cells} cells`);
  return {
    kind: e.kind,
    name: e.name,
    title: e.title,
    x: decodeAxis(e.x),
    ...(e.y ? { y: decodeAxis(e.y) } : {}),
    contents: Float64Array.from(e.contents),
    ...(e.sumw2 ? { sumw2: Float64Array.from(e.sumw2) } : {}),
    ...(e.binEntries ? { binEntries: Float64Array.from(e.binEntries) } : {}),
    ...(e.binSumw2 ? { binSumw2: Float64Array.from(e.binSumw2) } : {}),
    ...(e.errorOption !== undefined ? { errorOption: e.errorOption } : {}),
    entries: e.entries,
    ...(e.stats ? { stats: e.stats } : {}),
  };
}
