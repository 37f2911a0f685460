/** Two stored golden JSONs compared: runs and lumisections gained and lost, their recorded luminosity, and the changed ranges by run. */
import type { GoldenDiff } from "../../../server/certification/golden-json/diff";
import { toCsv } from "../../lib/csv";
import { downloadText } from "../../lib/download";

interface Side {
  id: number;
  ruleName: string;
  ruleVersion: number;
  tag: string | null;
  runs: number;
  lumiKept: number;
}

const pb = (x: number) => `${x.toFixed(2)} /pb`;
const ranges = (r: [number, number][]) => r.map(([a, b]) => (a === b ? String(a) : `${a}–${b}`)).join(", ");
const label = (s: Side) => `#${s.id} (${s.ruleName} v${s.ruleVersion}${s.tag ? `, ${s.tag}` : ""})`;
/** Rows shown at once; the CSV has them all. */
const SHOWN_ROWS = 200;

export function GoldenJsonDiffView({ from, to, diff }: { from: Side; to: Side; diff: GoldenDiff }) {
  const runs = [...new Set([...Object.keys(diff.gained), ...Object.keys(diff.lost)])].map(Number).sort((a, b) => a - b);
  const csv = () =>
    downloadText(
      toCsv(["run", "status", "ls_gained", "ls_lost"], runs.map((r) => [r, diff.runsGained.includes(r) ? "gained" : diff.runsLost.includes(r) ? "lost" : "changed", ranges(diff.gained[String(r)] ?? []), ranges(diff.lost[String(r)] ?? [])])),
      `golden-${from.id}-vs-${to.id}.csv`,
    );
  return (
    <section className="cert-section wide" aria-label="Golden JSON comparison">
      <h2>
        Golden JSON {label(to)} against {label(from)}
        <button type="button" onClick={csv} disabled={runs.length === 0}>Export CSV</button>
      </h2>
      <dl className="form-grid cert-stats" aria-label="Differences">
        <div><dt className="muted">runs gained</dt><dd data-testid="runs-gained">{diff.runsGained.length}</dd></div>
        <div><dt className="muted">runs lost</dt><dd data-testid="runs-lost">{diff.runsLost.length}</dd></div>
        <div><dt className="muted">lumisections gained</dt><dd data-testid="ls-gained">{diff.lsGained}</dd></div>
        <div><dt className="muted">lumisections lost</dt><dd data-testid="ls-lost">{diff.lsLost}</dd></div>
        <div><dt className="muted">recorded luminosity gained</dt><dd data-testid="lumi-gained">{pb(diff.lumiGained)}</dd></div>
        <div><dt className="muted">recorded luminosity lost</dt><dd data-testid="lumi-lost">{pb(diff.lumiLost)}</dd></div>
        <div><dt className="muted">runs unchanged</dt><dd>{diff.runsUnchanged}</dd></div>
      </dl>
      {runs.length === 0 ? (
        <p className="empty">The two golden JSONs certify the same lumisections.</p>
      ) : (
        <div className="scroll-box">
          <table className="cert" aria-label="Changed runs">
            <thead><tr><th className="num">Run</th><th>Change</th><th>Lumisections gained</th><th>Lumisections lost</th></tr></thead>
            <tbody>
              {runs.slice(0, SHOWN_ROWS).map((r) => (
                <tr key={r}>
                  <td className="num">{r}</td>
                  <td>{diff.runsGained.includes(r) ? <span className="badge ok">run gained</span> : diff.runsLost.includes(r) ? <span className="badge bad">run lost</span> : "lumisections changed"}</td>
                  <td className="diff-added">{ranges(diff.gained[String(r)] ?? [])}</td>
                  <td className="diff-removed">{ranges(diff.lost[String(r)] ?? [])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {runs.length > SHOWN_ROWS ? <p className="muted">{runs.length - SHOWN_ROWS} more changed runs in the CSV.</p> : null}
        </div>
      )}
    </section>
  );
}
