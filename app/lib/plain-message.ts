/**
 * Stored technical texts (activity failures, codec and validation messages kept in the audit trail
 * and as a run's last error) turned into sentences a shifter can act on. Validation output
 * ("Invalid input: expected object, received undefined", zod's JSON issue lists) never reaches a
 * page as it is; anything not recognised is shown unchanged.
 */

type Issue = { path?: unknown[]; message?: string };

/** zod's wording of one issue, said plainly. */
function plainIssue(message: string): string {
  const m = /^Invalid input: expected (\w+), received (\w+)$/.exec(message);
  if (m) return m[2] === "undefined" ? `is missing (a ${m[1] === "object" ? "group of values" : m[1]} was expected)` : `has the wrong type (a ${m[1]} was expected, not a ${m[2]})`;
  return message.charAt(0).toLowerCase() + message.slice(1);
}

/** A JSON list of zod issues ('[{"code":…,"path":["x"],"message":…}]') as one sentence, or null. */
function zodIssues(text: string): string | null {
  if (!text.trimStart().startsWith("[")) return null;
  try {
    const issues = JSON.parse(text) as Issue[];
    if (!Array.isArray(issues) || !issues.every((i) => typeof i?.message === "string")) return null;
    return issues.map((i) => `${Array.isArray(i.path) && i.path.length ? `'${i.path.join(".")}'` : "the input"} ${plainIssue(i.message ?? "")}`).join("; ");
  } catch {
    return null;
  }
}

const MALFORMED = /^(?:(.*?): )?stored histogram is malformed at ([^:]+): (.*)$/;

/** The text as a sentence for the page (see the module comment). */
export function plainMessage(text: string): string {
  const zod = zodIssues(text);
  if (zod) return `The input was refused: ${zod}.`;
  const bad = MALFORMED.exec(text);
  if (bad) {
    const [, where, field, issue] = bad;
    const what = where ? `The stored histogram ${where}` : "A stored histogram";
    return `${what} is damaged: its '${field}' ${plainIssue(issue ?? "")}. Ingest the run's DQM file again, then retry the comparison.`;
  }
  return text;
}
