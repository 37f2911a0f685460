/**
 * What a sign-off signs: the flags in force that are not GOOD, the failed comparisons of the
 * stage, and what still blocks it. The board shows it in the sign-off confirmation, so nobody
 * signs a stage without seeing it.
 */
import type { Db } from "../../db/pool";
import type { Stage } from "../../db/tables/dataset.table";
import { componentsOf, getCertRun } from "./cert-run.repository";
import { NotFoundError } from "./errors";
import { flagChanges } from "./flag.repository";
import { effectiveFlags, originLabel, signoffBlockers } from "./flags";

/** Failed comparisons shown in a confirmation; the rest are counted. */
const SHOWN_FAILURES = 20;

export async function signoffPreview(db: Db, runNumber: number, stage: Stage) {
  const cert = await getCertRun(db, runNumber);
  if (!cert) throw new NotFoundError(`run ${runNumber} has no certification yet`);
  const ds = await db.selectFrom("cert_dataset").select("dataset_name").where("run_number", "=", runNumber).where("stage", "=", stage).where("workspace", "=", "global").orderBy("dataset_name").execute();
  const dataset = ds[0]?.dataset_name ?? null;
  const components = componentsOf(cert);
  const effective = dataset ? effectiveFlags(await flagChanges(db, runNumber, dataset), components, cert.ls_count) : [];
  const failed = await db
    .selectFrom("cert_comparison")
    .select(["me_path", "test", "status", "message"])
    .where("run_number", "=", runNumber)
    .where("stage", "=", stage)
    .where("status", "=", "ERROR")
    .orderBy("me_path")
    .orderBy("test")
    .execute();
  return {
    runNumber,
    stage,
    dataset,
    lsCount: cert.ls_count,
    /** Ranges in force that are not GOOD: what the sign-off certifies as bad or excluded. */
    flags: effective.filter((r) => r.status !== "GOOD" && r.status !== "UNKNOWN").map((r) => ({ component: r.component, firstLs: r.firstLs, lastLs: r.lastLs, status: r.status, comment: r.comment, origin: originLabel(r.origin) })),
    goodComponents: components.filter((c) => effective.some((r) => r.component === c) && effective.every((r) => r.component !== c || r.status === "GOOD")),
    failedComparisons: failed.slice(0, SHOWN_FAILURES).map((c) => ({ mePath: c.me_path, test: c.test, message: c.message })),
    failedCount: failed.length,
    blockers: signoffBlockers(effective),
  };
}

export type SignoffPreview = Awaited<ReturnType<typeof signoffPreview>>;
