/** One stored golden JSON: the JSON and anti-JSON (view and download), luminosity kept and lost, loss per sub-rule, tag and official mark. */
import { useFetcher } from "@remix-run/react";
import type { ActionResult } from "../../lib/action-result";
import { toCsv } from "../../lib/csv";
import { downloadText } from "../../lib/download";

type Ranges = Record<string, [number, number][]>;
export interface GoldenJsonRow {
  id: number;
  rule_name: string;
  rule_version: number;
  dataset_pattern: string;
  query: unknown;
  golden: Ranges;
  anti_golden: Ranges;
  lumi_kept: number;
  lumi_lost: number;
  loss_by_rule: { rule: string; lumi: number; exclusiveLumi: number }[];
  tag: string | null;
  official: boolean;
  created_by: string;
  created_at: string | Date;
}

const lumi = (x: number) => `${x.toFixed(2)} /pb`;
/** One line per run, as golden JSONs are usually read. */
const pretty = (r: Ranges) => `{\n${Object.entries(r).map(([run, rs]) => `  "${run}": ${JSON.stringify(rs)}`).join(",\n")}\n}`;
const countLs = (r: Ranges) => Object.values(r).reduce((n, rs) => n + rs.reduce((m, [a, b]) => m + b - a + 1, 0), 0);

export function GoldenJsonView({ g, canTag }: { g: GoldenJsonRow; canTag: boolean }) {
  const fetcher = useFetcher<ActionResult>();
  const total = g.lumi_kept + g.lumi_lost;
  const name = `golden-${g.id}${g.tag ? `-${g.tag}` : ""}`;
  return (
    <section className="cert-section wide" aria-label={`Golden JSON ${g.id}`}>
      <h2>
        Golden JSON {g.id} {g.tag ? <span className="badge info">{g.tag}</span> : null} {g.official ? <span className="badge ok">official</span> : null}
      </h2>
      <p className="muted">
        rule {g.rule_name} v{g.rule_version} · datasets like <code className="truncate short" title={g.dataset_pattern}>{g.dataset_pattern}</code> · query <code className="truncate" title={JSON.stringify(g.query)}>{JSON.stringify(g.query)}</code> · by {g.created_by}, {new Date(g.created_at).toISOString().slice(0, 16).replace("T", " ")}
      </p>
      <dl className="form-grid cert-stats" aria-label="Luminosity">
        <div><dt className="muted">runs</dt><dd>{Object.keys(g.golden).length}</dd></div>
        <div><dt className="muted">lumisections kept</dt><dd>{countLs(g.golden)}</dd></div>
        <div><dt className="muted">recorded luminosity kept</dt><dd data-testid="lumi-kept">{lumi(g.lumi_kept)}</dd></div>
        <div><dt className="muted">lost</dt><dd>{lumi(g.lumi_lost)} ({total > 0 ? ((100 * g.lumi_lost) / total).toFixed(1) : "0.0"}%)</dd></div>
      </dl>
      <div className="form-grid">
        <button type="button" onClick={() => downloadText(JSON.stringify(g.golden), `${name}.json`, "application/json")}>Download JSON</button>
        <button type="button" onClick={() => downloadText(JSON.stringify(g.anti_golden), `${name}-anti.json`, "application/json")}>Download anti-JSON</button>
        <button type="button" onClick={() => downloadText(toCsv(["rule", "lumi_lost", "exclusive_lumi_lost"], g.loss_by_rule.map((l) => [l.rule, l.lumi, l.exclusiveLumi])), `${name}-loss.csv`)}>Export loss CSV</button>
      </div>
      <h3>Loss per sub-rule</h3>
      <table className="cert">
        <thead><tr><th>Sub-rule</th><th className="num">Luminosity rejected</th><th className="num">…rejected by this rule alone</th></tr></thead>
        <tbody>
          {g.loss_by_rule.map((l) => (
            <tr key={l.rule}><td><code className="truncate" title={l.rule.length > 2000 ? `${l.rule.slice(0, 2000)}…` : l.rule}>{l.rule.slice(0, 400)}</code></td><td className="num">{lumi(l.lumi)}</td><td className="num">{lumi(l.exclusiveLumi)}</td></tr>
          ))}
        </tbody>
      </table>
      <div className="cert-sections">
        <div><h3>JSON</h3><pre className="json" aria-label="Golden JSON content">{pretty(g.golden)}</pre></div>
        <div><h3>Anti-JSON</h3><pre className="json" aria-label="Anti-JSON content">{pretty(g.anti_golden)}</pre></div>
      </div>
      {canTag ? (
        <fetcher.Form method="post" className="form-grid" aria-label="Tag">
          <input type="hidden" name="intent" value="tag" />
          <input type="hidden" name="id" value={g.id} />
          <label>
            Tag
            <input name="tag" defaultValue={g.tag ?? ""} aria-invalid={fetcher.data && !fetcher.data.ok && fetcher.data.field === "tag"} />
            <small className="muted">letters, digits, _ . - (no spaces)</small>
          </label>
          <label className="form-grid"><input type="checkbox" name="official" defaultChecked={g.official} /> official</label>
          <button type="submit" disabled={fetcher.state !== "idle"}>Save tag</button>
          {fetcher.data && !fetcher.data.ok ? <div role="alert" className="notice error">Refused: {fetcher.data.error}</div> : null}
          {fetcher.data?.ok ? <div role="status" className="notice ok">{fetcher.data.message}</div> : null}
        </fetcher.Form>
      ) : null}
    </section>
  );
}
