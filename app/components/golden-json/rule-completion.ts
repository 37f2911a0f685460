/**
 * Variable-name completion in the rule editor: where the caret is inside `{"var": "…` the typed
 * part is a prefix, and the names offered are those that start with it (then those containing it).
 */
export interface Completion {
  /** What is typed so far of the name. */
  prefix: string;
  /** Where the typed part starts and ends in the text (the caret). */
  from: number;
  to: number;
  options: string[];
}

const VAR_OPEN = /"var"\s*:\s*\[?\s*"([^"\\]*)$/;

/** The completion at `caret`, or null when the caret is not inside a variable name. */
export function completionAt(text: string, caret: number, names: readonly string[], limit = 12): Completion | null {
  const m = VAR_OPEN.exec(text.slice(0, caret));
  if (!m) return null;
  const prefix = m[1]!;
  const lower = prefix.toLowerCase();
  const starts = names.filter((n) => n.toLowerCase().startsWith(lower));
  const contains = names.filter((n) => !n.toLowerCase().startsWith(lower) && n.toLowerCase().includes(lower));
  const options = [...starts, ...contains].filter((n) => n !== prefix).slice(0, limit);
  return { prefix, from: caret - prefix.length, to: caret, options };
}

/** The text with the completion's typed part replaced by `name`, and where the caret goes (after the closing quote when there is one). */
export function applyCompletion(text: string, c: Completion, name: string): { text: string; caret: number } {
  const rest = text.slice(c.to);
  // Whatever was left of the old name up to its closing quote goes too.
  const tail = /^[^"\n]*"/.exec(rest);
  const after = tail ? rest.slice(tail[0].length) : rest;
  const next = `${text.slice(0, c.from)}${name}"${after}`;
  return { text: next, caret: c.from + name.length + 1 };
}
