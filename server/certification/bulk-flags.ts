/**
 * Bulk flagging (issue 14, item 1): one component, status and lumisection range (or all of each
 * run) over a list of runs. The preview says which runs get which lumisections and which runs are
 * skipped and why; the write takes the same plan inside ONE transaction and writes every flag
 * through the run page's path (`writePersonFlag`: a person's version plus its `flag-edit` audit
 * row), so it is all or nothing, and a repeated request id writes nothing twice.
 */
import { sql } from "kysely";
import type { Db } from "../../db/pool";
import type { Stage } from "../../db/tables/dataset.table";
import type { Identity } from "../auth/identity";
import { auditKey } from "./audit.repository";
import { parseRunList } from "./bulk-run-list";
import { componentsOf } from "./cert-run.repository";
import { afterFlagChange, type CertificationDeps } from "./certification.service";
import { CertificationRuleError } from "./errors";
import { flagComment } from "./flag-causes";
import { writePersonFlag } from "./flag.repository";
import { type FlagInput, type FlagStatus, MIN_BAD_COMMENT } from "./flags";

export interface BulkFlagRequest {
  readonly component: string;
  readonly status: FlagStatus;
  /** Both null: every lumisection of each run. */
  readonly firstLs: number | null;
  readonly lastLs: number | null;
  /** The stage whose dataset is flagged in each run. */
  readonly stage: Stage;
  readonly cause: string;
  readonly comment: string;
  /** Run numbers and ranges as typed (see bulk-run-list.ts). */
  readonly runs: string;
}

export interface BulkTarget {
  readonly runNumber: number;
  readonly dataset: string;
  readonly firstLs: number;
  readonly lastLs: number;
  readonly lsCount: number;
}
export interface BulkSkip {
  readonly runNumber: number;
  readonly reason: string;
}
export interface BulkPlan {
  readonly component: string;
  readonly status: FlagStatus;
  readonly cause: string;
  /** The comment every flag is written with (the cause first, then the note). */
  readonly comment: string;
  readonly runs: number[];
  readonly targets: BulkTarget[];
  readonly skipped: BulkSkip[];
}

const signedOff = new Set(["SIGNOFF", "COMPLETED"]);

function checkRange(firstLs: number | null, lastLs: number | null): void {
  if ((firstLs === null) !== (lastLs === null)) throw new CertificationRuleError("firstLs: give both the first and the last lumisection, or neither for all of each run");
  if (firstLs !== null && lastLs !== null && lastLs < firstLs) throw new CertificationRuleError(`lastLs: the range ${firstLs}–${lastLs} ends before it starts`);
}

/** What a bulk flag would write and skip, read from `db` (the write passes its transaction and locks the datasets). */
export async function planBulkFlags(db: Db, req: BulkFlagRequest, opts: { lock?: boolean } = {}): Promise<BulkPlan> {
  checkRange(req.firstLs, req.lastLs);
  const comment = flagComment(req.cause, req.comment);
  if (req.status === "BAD" && comment.length < MIN_BAD_COMMENT) throw new CertificationRuleError(`comment: a BAD flag needs a cause or a comment of at least ${MIN_BAD_COMMENT} characters`);
  const runs = parseRunList(req.runs);
  const [known, certified] = await Promise.all([
    db.selectFrom("run").select("run_number").where("run_number", "in", runs).execute(),
    db.selectFrom("cert_run").select(["run_number", "ls_count", "components"]).where("run_number", "in", runs).execute(),
  ]);
  let dsQuery = db.selectFrom("cert_dataset").select(["run_number", "dataset_name", "state", "frozen"]).where("run_number", "in", runs).where("stage", "=", req.stage).where("workspace", "=", "global");
  // Locked, a sign-off or freeze that comes meanwhile waits for the write (and the write sees it if it came first).
  if (opts.lock) dsQuery = dsQuery.forUpdate();
  const datasets = await dsQuery.execute();
  const knownRuns = new Set(known.map((r) => r.run_number));
  const certByRun = new Map(certified.map((r) => [r.run_number, r]));
  const targets: BulkTarget[] = [];
  const skipped: BulkSkip[] = [];
  for (const runNumber of runs) {
    const cert = certByRun.get(runNumber);
    const skip = (reason: string) => skipped.push({ runNumber, reason });
    if (!cert) {
      skip(knownRuns.has(runNumber) ? "not under certification yet" : "unknown run");
      continue;
    }
    if (!componentsOf(cert).includes(req.component)) {
      skip(`${req.component} is not certified in this run`);
      continue;
    }
    const own = datasets.filter((d) => d.run_number === runNumber);
    const ds = own[0];
    if (!ds) {
      skip(`no ${req.stage} dataset under certification`);
      continue;
    }
    if (own.length > 1) {
      skip(`${own.length} ${req.stage} datasets (${own.map((d) => d.dataset_name).join(", ")}): flag them one at a time on the run page`);
      continue;
    }
    if (ds.frozen) {
      skip(`dataset ${ds.dataset_name} is frozen`);
      continue;
    }
    if (signedOff.has(ds.state)) {
      skip(`${req.stage} already signed off (${ds.state})`);
      continue;
    }
    if (cert.ls_count < 1) {
      skip("the run has no lumisections");
      continue;
    }
    const firstLs = req.firstLs ?? 1;
    const lastLs = req.lastLs ?? cert.ls_count;
    if (lastLs > cert.ls_count) {
      skip(`LS ${firstLs}–${lastLs} goes past the run's last lumisection ${cert.ls_count}`);
      continue;
    }
    targets.push({ runNumber, dataset: ds.dataset_name, firstLs, lastLs, lsCount: cert.ls_count });
  }
  return { component: req.component, status: req.status, cause: req.cause.trim(), comment, runs, targets, skipped };
}

export interface BulkWriteResult {
  /** Flags written by this call (or, repeated, by the first call with the same request id). */
  readonly written: { runNumber: number; dataset: string; changeId: number; firstLs: number; lastLs: number }[];
  readonly skipped: BulkSkip[];
  readonly repeated: boolean;
  /** Runs whose workflow could not be told now; their readiness is recomputed at sign-off. */
  readonly notNotified: number[];
}

/** Writes a bulk flag, all or nothing; a repeated request id returns the first call's flags and writes nothing. */
export async function writeBulkFlags(deps: CertificationDeps, who: Identity, req: BulkFlagRequest & { requestId: string }): Promise<BulkWriteResult> {
  const key = auditKey("api", "bulk-flag", req.requestId);
  const done = await deps.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
    const runs = parseRunList(req.runs);
    const earlier = await trx.selectFrom("cert_flag").select(["id", "run_number", "dataset_name", "first_ls", "last_ls"]).where("idempotency_key", "in", runs.map((r) => `${key}/${r}/0`)).orderBy("run_number").execute();
    if (earlier.length > 0) return { plan: null, written: earlier.map((e) => ({ runNumber: e.run_number, dataset: e.dataset_name, changeId: e.id, firstLs: e.first_ls, lastLs: e.last_ls })) };
    const plan = await planBulkFlags(trx, req, { lock: true });
    if (plan.targets.length === 0) throw new CertificationRuleError(`nothing to write: every run was skipped (${plan.skipped.slice(0, 3).map((s) => `${s.runNumber}: ${s.reason}`).join("; ")}${plan.skipped.length > 3 ? "; …" : ""})`);
    const written = [];
    for (const t of plan.targets) {
      const flag: FlagInput = { component: plan.component, firstLs: t.firstLs, lastLs: t.lastLs, status: plan.status, cause: plan.cause, comment: plan.comment, origin: { kind: "person", name: who.user } };
      const changeId = await writePersonFlag(trx, t.runNumber, t.dataset, flag, who.user, `${key}/${t.runNumber}`);
      if (changeId === null) throw new Error(`bulk flag ${key}: run ${t.runNumber}'s flag was written meanwhile`);
      written.push({ runNumber: t.runNumber, dataset: t.dataset, changeId, firstLs: t.firstLs, lastLs: t.lastLs });
    }
    return { plan, written };
  });
  if (!done.plan) return { written: done.written, skipped: [], repeated: true, notNotified: [] };
  const notNotified: number[] = [];
  const certs = await deps.db.selectFrom("cert_run").select(["run_number", "components"]).where("run_number", "in", done.plan.targets.map((t) => t.runNumber)).execute();
  const componentsByRun = new Map(certs.map((c) => [c.run_number, componentsOf(c)]));
  for (const t of done.plan.targets) {
    try {
      await afterFlagChange(deps, t.runNumber, t.dataset, req.stage, t.lsCount, componentsByRun.get(t.runNumber) ?? [done.plan.component]);
    } catch {
      // The flags are committed; a workflow told later (or never) judges them at sign-off, which recomputes readiness.
      notNotified.push(t.runNumber);
    }
  }
  return { written: done.written, skipped: done.plan.skipped, repeated: false, notNotified };
}
