/** What a trend URL asked for that does not exist, with links to the closest views that do. */
import { Link } from "@remix-run/react";
import type { ViewProblem } from "../../lib/trends-view";

export function ViewProblems({ problems }: { problems: ViewProblem[] }) {
  return (
    <section className="card trend-problems" aria-labelledby="trend-problems-title">
      <h2 id="trend-problems-title">This link asks for something that is not there</h2>
      <ul>
        {problems.map((p, i) => (
          <li key={`${p.key}-${i}`} role="alert">
            <p>{p.message}</p>
            {p.suggestions.length ? (
              <p className="trend-suggestions">
                {p.suggestions.map((s) => (
                  <Link key={s.search} to={`/trends?${s.search}`} className="trend-suggestion">{s.label}</Link>
                ))}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="muted">
        Nothing was drawn, so that no one reads another metric's trend by mistake. <Link to="/trends">Start from the default view</Link> or choose on the left.
      </p>
    </section>
  );
}
