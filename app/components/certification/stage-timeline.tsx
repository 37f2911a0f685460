/** The run's path online → express → calibration gate → prompt → reprocessing, each step with its status and sign-off. */
import type { Stage } from "../../../db/tables/dataset.table";
import { plainMessage } from "../../lib/plain-message";
import { StatusBadge } from "./status-badge";

interface StageView { stage: string; dataset: string | null; status: string; referenceRun: number | null; comparisonError: string | null; signoff: { user: string; comment: string; at: string } | null }
interface Detail {
  run: { stage: string; certStatus: string };
  datasets: { stage: string; dataset_name: string; workspace: string; state: string }[];
  live: { stages: StageView[]; calibrationReleasedBy: string | null; currentStage: string; certStatus: string } | null;
}

const ORDER: Stage[] = ["online", "express", "prompt", "reprocessing"];

export function StageTimeline({ detail }: { detail: Detail }) {
  const current = detail.live?.currentStage ?? detail.run.stage;
  const atGate = (detail.live?.certStatus ?? detail.run.certStatus).startsWith("calibration");
  const steps = ORDER.flatMap((stage) => {
    const view = detail.live?.stages.find((s) => s.stage === stage);
    const stored = detail.datasets.find((d) => d.stage === stage && d.workspace === "global");
    const item = {
      key: stage,
      name: stage,
      status: view?.status ?? stored?.state ?? "not started",
      dataset: view?.dataset ?? stored?.dataset_name ?? null,
      detail: view?.signoff ? `signed off by ${view.signoff.user}${view.signoff.comment ? `: “${view.signoff.comment}”` : ""}` : (view?.comparisonError ? plainMessage(view.comparisonError) : null) ?? (view?.referenceRun ? `reference run ${view.referenceRun}` : ""),
      current: current === stage && !(stage === "express" && atGate),
    };
    if (stage !== "express") return [item];
    const gate = { key: "gate", name: "calibration gate", status: detail.live?.calibrationReleasedBy ? `released: ${detail.live.calibrationReleasedBy}` : atGate ? "calibration-gate" : "not reached", dataset: null, detail: "", current: atGate };
    return [item, gate];
  });
  return (
    <section className="cert-section wide" aria-label="Stage timeline">
      <h2>Stages</h2>
      <ol className="timeline">
        {steps.map((s) => (
          <li key={s.key} data-current={s.current ? "true" : "false"} aria-current={s.current ? "step" : undefined}>
            <div className="name">{s.name}</div>
            <StatusBadge status={s.status} />
            {s.dataset ? <div className="muted" title={s.dataset}>{s.dataset}</div> : null}
            {s.detail ? <div className="muted">{s.detail}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
