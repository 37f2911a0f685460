import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../app-services";
import { identityOf, testServices } from "../testing/integration";
import { createCaller } from "../trpc/app-router";
import { CAUSE_AUDIT_RUN } from "./flag-causes";

let services: AppServices;
const made: number[] = [];

beforeAll(() => {
  services = testServices();
});
afterAll(async () => {
  // Entries this file made leave the list (retired), so a rerun starts from the same active list.
  if (made.length) await services.db.updateTable("flag_cause").set({ active: false, retired_by: "test", retired_at: new Date() }).where("id", "in", made).where("active", "=", true).execute();
  await services.close();
});

const callerAs = (role: "viewer" | "shifter" | "expert", user?: string) => createCaller({ services, identity: identityOf(role, user) });
const rid = () => `cause-${randomUUID()}`;
const unique = (what: string) => `${what} ${randomUUID().slice(0, 8)}`;

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  const err = await p.then(() => null, (e: unknown) => e as { code: string; message: string });
  expect(err, "expected a refusal").not.toBeNull();
  return err!;
}

async function auditRow(key: string) {
  return services.db.selectFrom("cert_audit").selectAll().where("idempotency_key", "=", `api/cause/${key}`).executeTakeFirst();
}

describe("standard causes", () => {
  it("are seeded for every configured component", async () => {
    const { components, causes } = await callerAs("viewer").certification.causes();
    expect(components).toEqual(["tracker-pixel", "tracker-strip", "dt-dt", "csc-csc", "ecal-ecal", "hcal-hcal", "l1t-l1tmu"]);
    for (const c of components) expect(causes.filter((x) => x.component === c && x.createdBy === "migration").length, c).toBeGreaterThanOrEqual(3);
    expect(causes.find((x) => x.component === "dt-dt" && x.cause === "HV trip")).toMatchObject({ active: true, retiredAt: null });
  });

  it("an expert adds one, once per request, audited with who and what", async () => {
    const text = unique("Gas mixture");
    const requestId = rid();
    const added = await callerAs("expert", "ada").certification.addCause({ component: "csc-csc", cause: `  ${text} `, requestId });
    made.push(added.id);
    const again = await callerAs("expert", "ada").certification.addCause({ component: "csc-csc", cause: text, requestId });
    expect(again).toEqual({ id: added.id, repeated: true });
    const { causes } = await callerAs("viewer").certification.causes();
    expect(causes.filter((c) => c.cause === text)).toEqual([expect.objectContaining({ id: added.id, component: "csc-csc", active: true, createdBy: "ada" })]);
    const audit = await auditRow(requestId);
    expect(audit).toMatchObject({ run_number: CAUSE_AUDIT_RUN, kind: "cause-add", actor: "ada", reason: `csc-csc: added '${text}'`, after: { id: added.id, component: "csc-csc", cause: text } });
  });

  it("refuses a shifter, an unknown component, a duplicate (any case) and a too-short text, in words", async () => {
    const text = unique("Readout desync");
    made.push((await callerAs("expert").certification.addCause({ component: "hcal-hcal", cause: text, requestId: rid() })).id);
    expect((await refusal(callerAs("shifter").certification.addCause({ component: "hcal-hcal", cause: unique("x y z"), requestId: rid() }))).code).toBe("FORBIDDEN");
    expect((await refusal(callerAs("expert").certification.addCause({ component: "hcal-hf", cause: "Noise", requestId: rid() }))).message).toMatch(/unknown component 'hcal-hf'; known: tracker-pixel, /);
    expect((await refusal(callerAs("expert").certification.addCause({ component: "hcal-hcal", cause: text.toUpperCase(), requestId: rid() }))).message).toMatch(/hcal-hcal already has the cause/);
    expect((await refusal(callerAs("expert").certification.addCause({ component: "hcal-hcal", cause: "ab", requestId: rid() }))).message).toMatch(/a cause has 3 to 200 characters/);
    expect((await refusal(callerAs("expert").certification.addCause({ component: "hcal-hcal", cause: "other: foo", requestId: rid() }))).message).toMatch(/free-text choice/);
  });

  it("a rename is a new entry and retires the old one, so flags written with the old text keep it", async () => {
    const old = unique("Timing drift");
    const renamedTo = unique("Timing shift (TTC)");
    const { id } = await callerAs("expert").certification.addCause({ component: "ecal-ecal", cause: old, requestId: rid() });
    made.push(id);
    const requestId = rid();
    const renamed = await callerAs("expert", "bob").certification.renameCause({ id, cause: renamedTo, requestId });
    made.push(renamed.id);
    expect(renamed).toMatchObject({ retired: id, repeated: false });
    expect(renamed.id).not.toBe(id);
    const { causes } = await callerAs("viewer").certification.causes({ includeRetired: true });
    expect(causes.find((c) => c.id === id)).toMatchObject({ cause: old, active: false, retiredBy: "bob", replacedBy: renamed.id });
    expect(causes.find((c) => c.id === renamed.id)).toMatchObject({ cause: renamedTo, active: true, createdBy: "bob" });
    expect((await callerAs("viewer").certification.causes()).causes.some((c) => c.id === id)).toBe(false);
    expect(await auditRow(requestId)).toMatchObject({ kind: "cause-rename", actor: "bob", before: { id, cause: old }, after: { id: renamed.id, cause: renamedTo } });
    // The retired entry cannot change any more; the editor shows why.
    expect((await refusal(callerAs("expert").certification.renameCause({ id, cause: unique("again"), requestId: rid() }))).message).toMatch(new RegExp(`retired by bob and replaced by entry ${renamed.id}`));
  });

  it("retiring takes a cause off the pick list and keeps it in the editor's list and history", async () => {
    const text = unique("Laser off");
    const { id } = await callerAs("expert").certification.addCause({ component: "ecal-ecal", cause: text, requestId: rid() });
    made.push(id);
    const requestId = rid();
    await callerAs("expert", "cy").certification.retireCause({ id, requestId });
    expect((await callerAs("viewer").certification.causes()).causes.some((c) => c.id === id)).toBe(false);
    const all = await callerAs("viewer").certification.causes({ includeRetired: true });
    expect(all.causes.find((c) => c.id === id)).toMatchObject({ active: false, retiredBy: "cy" });
    expect(all.history.find((h) => h.kind === "cause-retire" && h.what === `ecal-ecal: retired '${text}'`)).toMatchObject({ actor: "cy" });
    expect(await auditRow(requestId)).toMatchObject({ kind: "cause-retire", run_number: CAUSE_AUDIT_RUN });
    expect((await refusal(callerAs("expert").certification.retireCause({ id: 2_000_000_000, requestId: rid() }))).code).toBe("NOT_FOUND");
  });
});
