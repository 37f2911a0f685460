import { randomInt, randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../app-services";
import { identityOf, testServices } from "../testing/integration";
import { createCaller } from "../trpc/app-router";
import { MAX_BULK_RUNS } from "./bulk-run-list";
import { flagChanges } from "./flag.repository";
import { effectiveFlags } from "./flags";

let services: AppServices;
const bases: number[] = [];

beforeAll(() => {
  services = testServices();
});
afterAll(async () => {
  for (const base of bases) {
    for (const table of ["cert_flag", "cert_dataset", "cert_run", "cert_audit"] as const) await services.db.deleteFrom(table).where("run_number", ">=", base).where("run_number", "<", base + 10).execute();
    await services.db.deleteFrom("run").where("run_number", ">=", base).where("run_number", "<", base + 10).execute();
  }
  await services.close();
});

const callerAs = (role: "viewer" | "shifter" | "expert") => createCaller({ services, identity: identityOf(role) });

/**
 * Six consecutive runs (no workflows: the flags' path and the plan read only the tables):
 * +0, +1 OPEN with 10 LS; +2 online signed off; +3 OPEN with 4 LS; +4 known but not certified; +5 unknown.
 */
async function season(): Promise<number> {
  const base = randomInt(900_000, 2_000_000) * 1000;
  bases.push(base);
  const ls = [10, 10, 10, 4, 10];
  await services.db
    .insertInto("run")
    .values(ls.map((n, i) => ({ run_number: base + i, start_time: new Date(Date.UTC(2026, 6, 1, i)), end_time: null, run_class: "Collisions" as const, fill_number: null, b_field: null, beam_energy: null, delivered_lumi: null, recorded_lumi: null, ls_count: n, hlt_key: null, l1_key: null, significant: true })))
    .execute();
  await services.db
    .insertInto("cert_run")
    .values([0, 1, 2, 3].map((i) => ({ run_number: base + i, run_class: "Collisions", state: "OPEN", stage: "online" as const, cert_status: "awaiting-signoff", workflow_id: `certify-run-${base + i}`, ls_count: ls[i]!, last_error: null })))
    .execute();
  await services.db
    .insertInto("cert_dataset")
    .values([0, 1, 2, 3].map((i) => ({ run_number: base + i, dataset_name: "online", stage: "online" as const, workspace: "global", state: i === 2 ? "SIGNOFF" : "OPEN" })))
    .execute();
  return base;
}

const request = (base: number, over: Record<string, unknown> = {}) => ({ component: "dt-dt", status: "BAD" as const, firstLs: 1, lastLs: 5, stage: "online" as const, cause: "HV trip", comment: "sector 3", runs: `${base}-${base + 5}`, ...over });

async function flagsOf(base: number) {
  return services.db.selectFrom("cert_flag").selectAll().where("run_number", ">=", base).where("run_number", "<", base + 10).orderBy("run_number").execute();
}
async function auditOf(base: number) {
  return services.db.selectFrom("cert_audit").selectAll().where("run_number", ">=", base).where("run_number", "<", base + 10).orderBy("run_number").execute();
}

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  const err = await p.then(() => null, (e: unknown) => e as { code: string; message: string });
  expect(err, "expected a refusal").not.toBeNull();
  return err!;
}

describe("bulk flag preview", () => {
  it("says which runs get which lumisections and why the others are skipped, and writes nothing", async () => {
    const base = await season();
    const plan = await callerAs("viewer").certification.bulkFlagPreview(request(base));
    expect(plan.comment).toBe("HV trip — sector 3");
    expect(plan.targets).toEqual([
      { runNumber: base, dataset: "online", firstLs: 1, lastLs: 5, lsCount: 10 },
      { runNumber: base + 1, dataset: "online", firstLs: 1, lastLs: 5, lsCount: 10 },
    ]);
    expect(plan.skipped).toEqual([
      { runNumber: base + 2, reason: "online already signed off (SIGNOFF)" },
      { runNumber: base + 3, reason: "LS 1–5 goes past the run's last lumisection 4" },
      { runNumber: base + 4, reason: "not under certification yet" },
      { runNumber: base + 5, reason: "unknown run" },
    ]);
    expect(await flagsOf(base)).toHaveLength(0);
  });

  it("with no LS range takes all of each run's lumisections", async () => {
    const base = await season();
    const plan = await callerAs("viewer").certification.bulkFlagPreview(request(base, { firstLs: null, lastLs: null, runs: `${base}, ${base + 3}` }));
    expect(plan.targets.map((t) => [t.runNumber, t.firstLs, t.lastLs])).toEqual([[base, 1, 10], [base + 3, 1, 4]]);
  });
});

describe("bulk flag write", () => {
  it("writes every previewed run's flag through the flag path, with the cause in the comment and the audit", async () => {
    const base = await season();
    const res = await callerAs("shifter").certification.bulkFlag({ ...request(base), requestId: `bulk-${randomUUID()}` });
    expect(res.repeated).toBe(false);
    expect(res.written.map((w) => w.runNumber)).toEqual([base, base + 1]);
    expect(res.skipped.map((s) => s.runNumber)).toEqual([base + 2, base + 3, base + 4, base + 5]);
    const flags = await flagsOf(base);
    expect(flags.map((f) => ({ run: f.run_number, ls: [f.first_ls, f.last_ls], status: f.status, cause: f.cause, comment: f.comment, origin: `${f.origin_kind}:${f.origin_name}` }))).toEqual([
      { run: base, ls: [1, 5], status: "BAD", cause: "HV trip", comment: "HV trip — sector 3", origin: "person:test-shifter" },
      { run: base + 1, ls: [1, 5], status: "BAD", cause: "HV trip", comment: "HV trip — sector 3", origin: "person:test-shifter" },
    ]);
    const audit = await auditOf(base);
    expect(audit.map((a) => [a.run_number, a.kind, a.actor, a.reason])).toEqual([
      [base, "flag-edit", "test-shifter", "HV trip — sector 3"],
      [base + 1, "flag-edit", "test-shifter", "HV trip — sector 3"],
    ]);
    // The run's flags as the run page and sign-off read them: the bulk flag is in force on LS 1-5 only.
    const effective = effectiveFlags(await flagChanges(services.db, base, "online"), ["dt-dt"], 10);
    expect(effective.map((e) => [e.firstLs, e.lastLs, e.status, e.comment, e.changeId])).toEqual([[1, 5, "BAD", "HV trip — sector 3", res.written[0]!.changeId], [6, 10, "UNKNOWN", "", null]]);
  });

  it("writes nothing twice when the same request is submitted again", async () => {
    const base = await season();
    const input = { ...request(base), requestId: `bulk-${randomUUID()}` };
    const first = await callerAs("shifter").certification.bulkFlag(input);
    const again = await callerAs("shifter").certification.bulkFlag(input);
    expect(again.repeated).toBe(true);
    expect(again.written).toEqual(first.written);
    expect(await flagsOf(base)).toHaveLength(2);
    expect(await auditOf(base)).toHaveLength(2);
  });

  it("refuses a viewer, too many runs, a BAD flag without cause or comment, and a list where every run is skipped", async () => {
    const base = await season();
    const id = () => `bulk-${randomUUID()}`;
    expect((await refusal(callerAs("viewer").certification.bulkFlag({ ...request(base), requestId: id() }))).code).toBe("FORBIDDEN");
    const tooMany = await refusal(callerAs("shifter").certification.bulkFlag({ ...request(base, { runs: `${base}-${base + MAX_BULK_RUNS}` }), requestId: id() }));
    expect(tooMany.message).toBe(`runs: ${MAX_BULK_RUNS + 1} runs named, at most ${MAX_BULK_RUNS} per submit — split the list`);
    const noComment = await refusal(callerAs("shifter").certification.bulkFlag({ ...request(base, { cause: "", comment: "" }), requestId: id() }));
    expect(noComment.message).toMatch(/a BAD flag needs a cause or a comment/);
    const allSkipped = await refusal(callerAs("shifter").certification.bulkFlag({ ...request(base, { runs: `${base + 2} ${base + 5}` }), requestId: id() }));
    expect(allSkipped.message).toBe(`nothing to write: every run was skipped (${base + 2}: online already signed off (SIGNOFF); ${base + 5}: unknown run)`);
    const halfRange = await refusal(callerAs("shifter").certification.bulkFlagPreview(request(base, { lastLs: null })));
    expect(halfRange.message).toMatch(/give both the first and the last lumisection/);
    expect(await flagsOf(base)).toHaveLength(0);
    expect(await auditOf(base)).toHaveLength(0);
  });

  it("leaves nothing behind when a write fails mid-way", async () => {
    const base = await season();
    // A real failure inside the transaction: the database refuses the second run's flag.
    const fn = `bulk_fail_${base}`;
    await sql`create function ${sql.raw(fn)}() returns trigger language plpgsql as $$ begin raise exception 'disk full (test)'; end $$`.execute(services.db);
    await sql`create trigger ${sql.raw(fn)} before insert on cert_flag for each row when (new.run_number = ${sql.lit(base + 1)}) execute function ${sql.raw(fn)}()`.execute(services.db);
    try {
      const failed = await refusal(callerAs("shifter").certification.bulkFlag({ ...request(base), requestId: `bulk-${randomUUID()}` }));
      expect(failed.code).toBe("INTERNAL_SERVER_ERROR");
    } finally {
      await sql`drop trigger ${sql.raw(fn)} on cert_flag`.execute(services.db);
      await sql`drop function ${sql.raw(fn)}()`.execute(services.db);
    }
    expect(await flagsOf(base)).toHaveLength(0);
    expect(await auditOf(base)).toHaveLength(0);
  });
});
