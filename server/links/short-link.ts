/** Short links: a stable code for any in-app path, so a view can be shared by a few characters. */
import { createHash } from "node:crypto";
import type { Db } from "../../db/pool";
import { sameOriginPath } from "../auth/same-origin";

export class ShortLinkError extends Error {
  override name = "ShortLinkError";
}

/** Only app-relative paths may be shortened, so a short link can never point off-site. */
export function validateAppPath(path: string): string {
  if (sameOriginPath(path, "") === "") {
    throw new ShortLinkError(`'${path.slice(0, 200)}' is not a path inside the app (one leading '/', no '\\', no control characters)`);
  }
  return path;
}

/** Deterministic code so the same view always gets the same link (a repeat is idempotent). */
export function codeFor(path: string, length = 7): string {
  return createHash("sha256").update(path).digest("base64url").slice(0, length);
}

export async function createShortLink(db: Db, path: string, user: string): Promise<string> {
  const clean = validateAppPath(path);
  const code = codeFor(clean);
  await db.insertInto("short_link").values({ code, path: clean, created_by: user }).onConflict((oc) => oc.column("path").doNothing()).execute();
  const row = await db.selectFrom("short_link").select("code").where("path", "=", clean).executeTakeFirstOrThrow();
  return row.code;
}

export async function resolveShortLink(db: Db, code: string): Promise<string | undefined> {
  const row = await db
    .updateTable("short_link")
    .set((eb) => ({ hits: eb("hits", "+", 1) }))
    .where("code", "=", code)
    .returning("path")
    .executeTakeFirst();
  return row?.path;
}
