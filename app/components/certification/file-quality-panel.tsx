/** Quality tests that CMSSW ran while making the run's DQM files, as read from them: shown beside dqmflow's own comparisons and labelled as such. */
import type { FileQualityResultView } from "../../../server/certification/file-quality-results";
import { StatusBadge } from "./status-badge";

export function FileQualityPanel({ results }: { results: FileQualityResultView[] }) {
  return (
    <section className="cert-section" aria-label="Quality tests from the DQM files">
      <h2>Quality tests from the DQM files (CMSSW)</h2>
      {results.length === 0 ? (
        <p className="muted">The run's DQM files carry no quality-test results.</p>
      ) : (
        <table className="cert">
          <thead>
            <tr><th scope="col">stage</th><th scope="col">monitor element</th><th scope="col">test</th><th scope="col">algorithm</th><th scope="col">result</th><th scope="col">status</th><th scope="col">message</th></tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={`${r.dataset}|${r.mePath}|${r.test}`}>
                <td>{r.stage}</td>
                <td>{r.mePath}</td>
                <td>{r.test}</td>
                <td>{r.algorithm ?? "—"}</td>
                <td>{r.result === null ? "—" : r.result.toPrecision(4)}</td>
                <td><StatusBadge status={r.status} /></td>
                <td>{r.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
