/** The text rules of standard causes, shared by the server and the browser's flag forms (no imports: safe in the client bundle). */

export const MIN_CAUSE_CHARS = 3;
export const MAX_CAUSE_CHARS = 200;
/** The pick list's free-text choice writes its cause as `other: <text>`. */
export const OTHER_CAUSE_PREFIX = "other: ";

/**
 * The comment a flag is written with when a cause was chosen: the cause's text first, unchanged,
 * then the person's note. Sign-off checks, Run Registry and the audit read the comment, so all of
 * them see the cause. Without a cause the note is the comment, as before.
 */
export function flagComment(cause: string, note: string): string {
  const c = cause.trim();
  const n = note.trim();
  if (!c || n === c || n.startsWith(`${c} — `)) return n;
  return n ? `${c} — ${n}` : c;
}
