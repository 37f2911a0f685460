/** The legend of the certification words: what each state on the board and the run page means. */
import { flagStatuses } from "../../../server/certification/flags";
import { progressWords } from "../../../server/certification/vocabulary";
import { StatusBadge } from "./status-badge";

const flagMeaning: Record<string, string> = {
  GOOD: "the component's data are good",
  BAD: "not usable; a person's BAD flag needs a comment, a rule's carries its cause (origin auto:<rule>)",
  STANDBY: "the subsystem was in standby",
  EXCLUDED: "excluded from the certification",
  NOTSET: "nobody decided yet: blocks the sign-off",
  EMPTY: "no data for the component",
  "NO VALUE FOUND": "the source had no value",
};

export function StateLegend() {
  return (
    <details className="cert-section cert-legend" aria-label="What the states mean">
      <summary>What the states mean</summary>
      <dl>
        {progressWords.map((w) => (
          <div key={w.word}><dt><StatusBadge status={w.word} /></dt><dd>{w.means}</dd></div>
        ))}
      </dl>
      <h3>Flags per lumisection range</h3>
      <dl>
        {flagStatuses.map((s) => (
          <div key={s}><dt><StatusBadge status={s} /></dt><dd>{flagMeaning[s]}</dd></div>
        ))}
        <div><dt><StatusBadge status="UNKNOWN" /></dt><dd>no flag at all: blocks the sign-off</dd></div>
      </dl>
    </details>
  );
}
