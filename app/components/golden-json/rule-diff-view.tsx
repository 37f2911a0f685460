/** Two versions of a rule set side by side as one line diff of their JSON-logic. */
import type { DiffLine } from "../../../server/certification/golden-json/diff";

interface Version {
  version: number;
  datasetPattern: string;
  createdBy: string;
}

export function RuleDiffView({ name, from, to, lines }: { name: string; from: Version; to: Version; lines: DiffLine[] }) {
  const changed = lines.filter((l) => l.kind !== "same").length;
  return (
    <section className="cert-section wide" aria-label={`Rule ${name}: version ${from.version} against ${to.version}`}>
      <h2>Rule {name}: v{from.version} → v{to.version}</h2>
      <p className="muted">
        {changed === 0 ? "The two versions have the same logic." : `${lines.filter((l) => l.kind === "removed").length} lines removed, ${lines.filter((l) => l.kind === "added").length} added.`}{" "}
        Datasets: {from.datasetPattern === to.datasetPattern ? <code>{to.datasetPattern}</code> : <><code className="diff-removed">{from.datasetPattern}</code> → <code className="diff-added">{to.datasetPattern}</code></>}
        {" "}· v{from.version} by {from.createdBy}, v{to.version} by {to.createdBy}
      </p>
      <pre className="json rule-diff" aria-label="Line diff">
        {lines.map((l, i) => (
          <div key={i} className={l.kind === "added" ? "diff-added" : l.kind === "removed" ? "diff-removed" : undefined}>
            <span aria-hidden="true">{l.kind === "added" ? "+ " : l.kind === "removed" ? "− " : "  "}</span>
            <span className="sr-only">{l.kind === "added" ? "added: " : l.kind === "removed" ? "removed: " : ""}</span>
            {l.text}
          </div>
        ))}
      </pre>
    </section>
  );
}
