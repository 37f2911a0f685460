/**
 * A refinement for schemas declared outside the API layer (HDQM's trend requests): every whole
 * number must fit the 32-bit integer columns it is compared with (run numbers, lumisections,
 * counts), every run number written as a key (golden JSON) too, and every string must stay
 * under the path limit. Applied by the routers with `.superRefine(withinColumns)`.
 */
import type { z } from "zod";
import { INT4_MAX, MAX_PATH_CHARS } from "./limits";

type Path = (string | number)[];

export function withinColumns(value: unknown, ctx: z.RefinementCtx): void {
  const stack: { v: unknown; path: Path }[] = [{ v: value, path: [] }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (typeof v === "number") {
      if (Number.isInteger(v) && Math.abs(v) > INT4_MAX) ctx.addIssue({ code: "custom", path, message: `must be at most ${INT4_MAX} (the column is a 32-bit integer)` });
    } else if (typeof v === "string") {
      if (v.length > MAX_PATH_CHARS) ctx.addIssue({ code: "custom", path, message: `must be at most ${MAX_PATH_CHARS} characters` });
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ v: item, path: [...path, i] }));
    } else if (typeof v === "object" && v !== null && !(v instanceof Date)) {
      for (const [k, item] of Object.entries(v)) {
        if (/^\d+$/.test(k) && Number(k) > INT4_MAX) ctx.addIssue({ code: "custom", path: [...path, k.slice(0, 20)], message: `run ${k.slice(0, 20)} is above ${INT4_MAX} (the column is a 32-bit integer)` });
        stack.push({ v: item, path: [...path, k] });
      }
    }
  }
}
