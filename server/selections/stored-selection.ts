/**
 * Run selections too long for a URL. An uploaded golden JSON of a year (1,000+ runs) does not
 * fit in a request line, so the trend page stores it here and its URL carries a code: the hash
 * of the selection's canonical form, so the same file always gets the same code (a repeat is
 * idempotent) and a code cannot be guessed into someone else's unrelated selection.
 */
import { createHash } from "node:crypto";
import type { Db } from "../../db/pool";
import { type GoldenJson, goldenRuns } from "../hdqm/golden-json";
import { SELECTION_CODE } from "./selection-code";

/** Runs in ascending order, each with its merged, sorted ranges: equal selections, equal text. */
export function canonicalGolden(json: GoldenJson): GoldenJson {
  const out: GoldenJson = {};
  for (const { run, ranges } of goldenRuns(json).sort((a, b) => a.run - b.run)) out[String(run)] = ranges.map(([a, b]) => [a, b]);
  return out;
}

export function selectionCode(canonical: GoldenJson): string {
  return createHash("sha256").update(JSON.stringify(canonical)).digest("base64url").slice(0, 16);
}

/** Stores a golden JSON selection (idempotent) and returns its code and run count. */
export async function storeGoldenSelection(db: Db, json: GoldenJson, user: string): Promise<{ code: string; runs: number }> {
  const canonical = canonicalGolden(json);
  const code = selectionCode(canonical);
  const runs = Object.keys(canonical).length;
  await db
    .insertInto("stored_selection")
    .values({ code, kind: "golden", body: JSON.stringify(canonical), runs, created_by: user })
    .onConflict((oc) => oc.column("code").doNothing())
    .execute();
  return { code, runs };
}

export async function goldenSelection(db: Db, code: string): Promise<GoldenJson | undefined> {
  if (!SELECTION_CODE.test(code)) return undefined;
  const row = await db.selectFrom("stored_selection").select("body").where("code", "=", code).where("kind", "=", "golden").executeTakeFirst();
  return row?.body;
}
