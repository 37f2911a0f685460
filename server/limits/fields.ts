/**
 * Zod building blocks that bound every field of the API: integers within their column's range,
 * strings with a maximum length and storable characters, arrays with a maximum size. Routers
 * compose these instead of bare `z.number()`/`z.string()`, so nothing reaches the database or a
 * workflow that the database or Temporal would refuse.
 */
import { z } from "zod";
import { INT4_MAX, MAX_ARRAY_ITEMS, MAX_COMMENT_CHARS, MAX_NAME_CHARS, MAX_PATH_CHARS } from "./limits";
import { badCharacters } from "./text";

/** An integer within a PostgreSQL `integer` column's range. */
export function int4(min = 1) {
  return z
    .number({ error: "must be a number" })
    .int({ error: "must be a whole number" })
    .min(min, { error: `must be at least ${min}` })
    .max(INT4_MAX, { error: `must be at most ${INT4_MAX} (the column is a 32-bit integer)` });
}

/** A run number: run.run_number is `integer check (run_number > 0)`. */
export const runNumber = int4(1);

/** A lumisection number (lumisection.ls_number, cert_flag.first_ls/last_ls: integer ≥ 1). */
export const lumisection = int4(1);

/** A serial id (golden_json.id, cert_flag.id). */
export const serialId = int4(1);

/** A string of at most `max` characters that PostgreSQL can store (no NUL, no lone surrogate). */
export function boundedText(max: number, min = 0) {
  return z
    .string({ error: "must be text" })
    .min(min, { error: min === 1 ? "must not be empty" : `must be at least ${min} characters` })
    .max(max, { error: `must be at most ${max} characters` })
    .superRefine((s, ctx) => {
      const bad = badCharacters(s);
      if (bad) ctx.addIssue({ code: "custom", message: bad });
    });
}

/** A non-empty name (subsystem, component, run class, workflow, campaign…). */
export const nameText = boundedText(MAX_NAME_CHARS, 1);

/** A dataset name or an ME path. */
export const pathText = boundedText(MAX_PATH_CHARS, 1);

/** A comment or reason a person writes. */
export const commentText = boundedText(MAX_COMMENT_CHARS);

/** A CMS dataset name, /Primary/Processed/TIER, as the reprocessing workflow records it. */
export const datasetName = boundedText(MAX_PATH_CHARS, 1).regex(/^\/[\w-]+\/[\w.-]+\/[A-Z][A-Z0-9-]*$/, {
  error: "a dataset name looks like /ZeroBias/Run2026A-ReReco-v1/DQMIO",
});

/** An array of at most `max` items. */
export function boundedArray<T extends z.ZodType>(item: T, max: number = MAX_ARRAY_ITEMS) {
  return z.array(item).max(max, { error: `must have at most ${max} items` });
}

/** A point in time the database can compare with (timestamptz), between 1970 and 2200. */
export const boundedDate = z.coerce
  .date({ error: "must be a date (YYYY-MM-DD or an ISO time)" })
  .min(new Date("1970-01-01T00:00:00Z"), { error: "must not be before 1970" })
  .max(new Date("2200-01-01T00:00:00Z"), { error: "must be before 2200" });

/** A client's idempotency id (editFlag, undoFlag, golden JSON requests). */
export const requestIdText = boundedText(64, 8).regex(/^[\w-]+$/, { error: "a request id is 8–64 letters, digits, _ or -" });

/** A campaign, tag or rule name: letters, digits, `_`, `.`, `-`. */
export const slug = z.string().regex(/^[\w.-]{1,64}$/, { error: "1–64 letters, digits, _, . or -" });
