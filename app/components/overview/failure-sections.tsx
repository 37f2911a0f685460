/** The overview's recent failures (comparisons in ERROR, failed activities) and alarms (missed deadlines, HDQM trends). */
import { utcTime } from "../../lib/utc-time";
import { figure, figuresText } from "./comparison-figures";
import type { OverviewSummary } from "./summary-type";

const num = figure;

/** A path (ME or dataset) that may wrap after each slash, never inside a name. */
function MePath({ path }: { path: string }) {
  const parts = path.split("/");
  return (
    <>
      {parts.map((p, i) => (
        <span key={i}>
          {p}
          {i < parts.length - 1 && (
            <>
              /<wbr />
            </>
          )}
        </span>
      ))}
    </>
  );
}

function When({ iso }: { iso: string }) {
  return <time dateTime={iso}>{utcTime(iso)}</time>;
}

function Section({ id, title, empty, count, children }: { id: string; title: string; empty: string; count: number; children: React.ReactNode }) {
  return (
    <section className="card overview-section" aria-labelledby={id}>
      <h2 id={id}>
        {title} {count > 0 && <span className="status down">{count}</span>}
      </h2>
      {count === 0 ? <p className="empty">{empty}</p> : children}
    </section>
  );
}

export function FailureSections({ summary }: { summary: OverviewSummary }) {
  const { failedComparisons, failedActivities, missedDeadlines, trendAlarms } = summary;
  return (
    <>
      <h2 className="overview-heading">Recent failures</h2>
      <div className="overview-columns">
        <Section id="failed-comparisons-title" title="Comparisons in ERROR" empty="No comparison is in ERROR." count={failedComparisons.length}>
          <table className="overview-table">
            <thead>
              <tr><th scope="col">Run</th><th scope="col">Stage</th><th scope="col">Monitor element</th><th scope="col">Test</th><th scope="col">Result</th><th scope="col">When</th></tr>
            </thead>
            <tbody>
              {failedComparisons.map((c) => (
                <tr key={`${c.runNumber}-${c.dataset}-${c.mePath}-${c.test}`}>
                  <td><a href={`/runs/${c.runNumber}`}>{c.runNumber}</a></td>
                  <td>{c.stage}</td>
                  <td className="mono" title={c.dataset}>
                    <MePath path={c.mePath} />
                  </td>
                  <td>{c.test}</td>
                  <td className="figures" title={c.message ?? undefined}>{figuresText(c)}</td>
                  <td><When iso={c.at} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
        <Section id="failed-activities-title" title="Failed activities" empty="No activity has failed." count={failedActivities.length}>
          <table className="overview-table">
            <thead>
              <tr><th scope="col">Run</th><th scope="col">Stage</th><th scope="col">What failed, why</th><th scope="col">When</th></tr>
            </thead>
            <tbody>
              {failedActivities.map((a) => (
                <tr key={a.id}>
                  <td><a href={`/runs/${a.runNumber}`}>{a.runNumber}</a></td>
                  <td>{a.stage ?? "—"}</td>
                  <td>
                    <div className="bad">{a.kind}</div>
                    <div className="reason" title={a.reason}>{a.reason}</div>
                  </td>
                  <td><When iso={a.at} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      </div>
      <h2 className="overview-heading">Alarms</h2>
      <div className="overview-wide">
        <Section id="missed-deadlines-title" title="Missed sign-off deadlines" empty="No sign-off deadline has been missed." count={missedDeadlines.length}>
          <table className="overview-table">
            <thead>
              <tr><th scope="col">Run</th><th scope="col">Stage</th><th scope="col">Why</th><th scope="col">When</th></tr>
            </thead>
            <tbody>
              {missedDeadlines.map((d) => (
                <tr key={d.id}>
                  <td><a href={`/runs/${d.runNumber}`}>{d.runNumber}</a></td>
                  <td>{d.stage ?? "—"}</td>
                  <td><div className="reason">{d.reason}</div></td>
                  <td><When iso={d.at} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
        <Section id="trend-alarms-title" title="HDQM trend alarms" empty="No trend check has failed." count={trendAlarms.length}>
          <table className="overview-table">
            <thead>
              <tr><th scope="col">Run</th><th scope="col">Metric</th><th scope="col">Dataset</th><th scope="col">Value</th><th scope="col">Expected</th><th scope="col">Check</th><th scope="col">When</th></tr>
            </thead>
            <tbody>
              {trendAlarms.map((a) => (
                <tr key={a.id}>
                  <td><a href={`/runs/${a.run}`}>{a.run}</a></td>
                  <td>
                    <span className="muted">{a.subsystem}/</span>
                    {a.metric}
                  </td>
                  <td className="mono">
                    <MePath path={a.dataset} />
                  </td>
                  <td className="num">{num(a.value)}</td>
                  <td className="num">{a.expectedLow === null && a.expectedHigh === null ? "—" : `[${num(a.expectedLow)}, ${num(a.expectedHigh)}]`}</td>
                  <td title={a.message}>{a.check}</td>
                  <td><When iso={a.createdAt} /></td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">
            <a href="/trends">Open the trends</a>
          </p>
        </Section>
      </div>
    </>
  );
}
