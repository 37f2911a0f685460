/**
 * The product's boundary, walked through the running server: every tRPC procedure and every
 * Remix action (each intent its forms send) refuses a caller below its role, refuses a
 * cross-site request, and lets an anonymous caller only read — and a refusal writes nothing.
 * Routes, intents and procedures added later fail this file until they are declared below.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type APIRequestContext, expect, test } from "@playwright/test";
import pg from "pg";
import { type Role, roleBelow } from "../server/auth/roles";

type Form = Record<string, string>;
interface Intent {
  role: Role;
  /** A form that would do the work for a caller with the role (so only the role decides). */
  form: (run: number) => Form;
}

const comment = { comment: "boundary walk: must be refused" };
/** Every route module with an action, by URL, and what each of its intents needs. */
const actionRoutes: Record<string, { file: string; url: (run: number) => string; intents: Record<string, Intent> }> = {
  certification: {
    file: "certification.tsx",
    url: () => "/certification",
    intents: {
      signOff: { role: "shifter", form: (run) => ({ run: String(run), stage: "online", ...comment }) },
      bulkSignOff: { role: "shifter", form: (run) => ({ runs: String(run), [`stage-${run}`]: "online", ...comment }) },
      bulkReopen: { role: "expert", form: (run) => ({ runs: String(run), [`stage-${run}`]: "online", ...comment }) },
    },
  },
  run: {
    file: "runs.$run.tsx",
    url: (run) => `/runs/${run}`,
    intents: {
      editFlag: { role: "shifter", form: () => ({ dataset: "online", component: "tracker-pixel", firstLs: "1", lastLs: "2", status: "BAD", cause: "other", ...comment, requestId: `boundary-${Date.now()}` }) },
      undoFlag: { role: "shifter", form: () => ({ changeId: "1", requestId: `boundary-${Date.now()}` }) },
      signOff: { role: "shifter", form: () => ({ stage: "online", ...comment }) },
      reopen: { role: "expert", form: () => ({ stage: "online", ...comment }) },
      freeze: { role: "expert", form: () => ({ dataset: "online" }) },
      unfreeze: { role: "expert", form: () => ({ dataset: "online" }) },
      setReference: { role: "expert", form: (run) => ({ runClass: "Collisions", referenceRun: String(run) }) },
      retryComparisons: { role: "shifter", form: () => ({ stage: "online", reason: "boundary walk: must be refused" }) },
    },
  },
  causes: {
    file: "certification_.causes.tsx",
    url: () => "/certification/causes",
    intents: {
      addCause: { role: "expert", form: () => ({ component: "csc-csc", cause: `boundary cause ${Date.now()}`, requestId: `boundary-${Date.now()}` }) },
      renameCause: { role: "expert", form: () => ({ id: "1", cause: `boundary rename ${Date.now()}`, requestId: `boundary-${Date.now()}` }) },
      retireCause: { role: "expert", form: () => ({ id: "1", requestId: `boundary-${Date.now()}` }) },
    },
  },
  bulkFlag: {
    file: "certification_.bulk-flag.tsx",
    url: () => "/certification/bulk-flag",
    intents: {
      bulkFlag: { role: "shifter", form: (run) => ({ component: "dt-dt", status: "BAD", stage: "online", ls: "all", first: "", last: "", cause: "HV trip", note: "boundary walk", runs: String(run), requestId: `boundary-${Date.now()}` }) },
    },
  },
  calibration: {
    file: "calibration.tsx",
    url: () => "/calibration",
    intents: { report: { role: "shifter", form: (run) => ({ run: String(run), workflow: "SiPixelAli", status: "running" }) } },
  },
  goldenJson: {
    file: "golden-json.tsx",
    url: () => "/golden-json",
    intents: {
      create: { role: "shifter", form: () => ({ ruleName: "boundary-rule", tag: "boundary" }) },
      createRule: { role: "expert", form: () => ({ name: "boundary-rule", logic: '{"==": [1, 1]}', datasetPattern: "/.*/" }) },
      lockRule: { role: "expert", form: () => ({ name: "boundary-rule", locked: "true" }) },
      tag: { role: "expert", form: () => ({ id: "1", tag: "boundary" }) },
    },
  },
  share: { file: "share.tsx", url: () => "/share", intents: { share: { role: "viewer", form: () => ({ path: "/trends?boundary=1" }) } } },
};
/** Actions that are not the product's state: the local role picker, sign-in flow, tRPC's own route. */
const notProductState = new Set(["identity.tsx", "api.trpc.$.ts", "auth.login.tsx", "auth.callback.tsx", "auth.logout.tsx"]);

const routesDir = path.join(process.cwd(), "app", "routes");
const EVIL = "https://evil.example";

function intentsIn(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/intent === "(\w+)"|case "(\w+)":|name="intent" value="(\w+)"/g)) found.add(m[1] ?? m[2] ?? m[3]!);
  return [...found].sort();
}

/** Rows of the tables a user's action writes (workflows write others on their own meanwhile). */
async function userWrites(db: pg.Client): Promise<Record<string, number>> {
  const { rows } = await db.query<{ t: string; n: string }>(`
    select 'cert_flag' t, count(*) n from cert_flag union all
    select 'short_link', count(*) from short_link union all
    select 'flag_cause', count(*) from flag_cause union all
    select 'golden_json', count(*) from golden_json union all
    select 'golden_rule', count(*) from golden_rule union all
    select 'cert_calibration', count(*) from cert_calibration union all
    select 'alarm_ack', count(*) from alarm_ack union all
    select 'cert_reference', count(*) from cert_reference union all
    select 'frozen datasets', count(*) from cert_dataset where frozen union all
    select 'audit by people', count(*) from cert_audit where actor like 'dev-%' or actor = 'anonymous'`);
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

function asRole(role: Role | null): Record<string, string> {
  return role ? { cookie: `dqmflow_role=${role}` } : {};
}

async function post(request: APIRequestContext, url: string, form: Form, headers: Record<string, string>) {
  const res = await request.post(url, { form, headers, maxRedirects: 0 });
  return { status: res.status(), text: await res.text() };
}

let db: pg.Client;
let run: number;
let before: Record<string, number>;

test.beforeAll(async () => {
  db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  run = Number((await db.query<{ r: number }>("select run_number r from cert_run order by run_number limit 1")).rows[0]!.r);
  before = await userWrites(db);
});

test.afterAll(async () => {
  // Every refusal of this file together wrote nothing a user's action writes.
  expect(await userWrites(db)).toEqual(before);
  await db.end();
});

test("every route with an action and every intent its forms send is declared here", () => {
  const withAction = readdirSync(routesDir).filter((f) => /export (async function|const) action\b/.test(readFileSync(path.join(routesDir, f), "utf8")));
  const declared = Object.values(actionRoutes).map((r) => r.file);
  expect(withAction.filter((f) => !notProductState.has(f)).sort()).toEqual([...declared].sort());
  for (const route of Object.values(actionRoutes)) {
    const found = intentsIn(readFileSync(path.join(routesDir, route.file), "utf8"));
    if (found.length > 0) expect(found, route.file).toEqual(Object.keys(route.intents).sort());
  }
});

for (const [name, route] of Object.entries(actionRoutes)) {
  for (const [intent, { role, form }] of Object.entries(route.intents)) {
    test(`${name} ${intent}: refused cross-site, to an anonymous caller and below ${role}`, async ({ request }) => {
      const url = route.url(run);
      const body = { intent, ...form(run) };

      const crossSite = await post(request, url, body, { ...asRole("admin"), origin: EVIL });
      expect(crossSite.status, crossSite.text.slice(0, 300)).toBe(403);
      expect(crossSite.text).toMatch(/may not change anything/);

      const anonymous = await post(request, url, body, {});
      expect(anonymous.status, anonymous.text.slice(0, 300)).toBeGreaterThanOrEqual(400);
      expect(anonymous.status).toBeLessThan(500);
      expect(anonymous.text).toMatch(/sign in to change anything/);

      const below = roleBelow(role);
      if (below) {
        const refused = await post(request, url, body, asRole(below));
        expect(refused.status, refused.text.slice(0, 300)).toBe(403);
        expect(refused.text).toMatch(new RegExp(`needs the ${role} role`));
      }
    });
  }
}

/** The router's procedures as [path, type, role], read by the project's own runtime (tsx). */
function listProcedures(): [string, "query" | "mutation" | "subscription", Role | undefined][] {
  const script = `import("./server/trpc/app-router.ts").then((m) => console.log(JSON.stringify(Object.entries(m.appRouter._def.procedures).map(([k, p]) => [k, p._def.type, p._def.meta?.role]))))`;
  return JSON.parse(execFileSync(process.execPath, ["--import", "tsx", "-e", script], { encoding: "utf8" })) as ReturnType<typeof listProcedures>;
}
const procedures = listProcedures();

test("every tRPC mutation: refused cross-site, to an anonymous caller and below its role", async ({ request }) => {
  const mutations = procedures.filter(([, type]) => type === "mutation");
  expect(mutations.length).toBeGreaterThan(5);
  for (const [name, , role] of mutations) {
    if (!role) throw new Error(`${name} declares no role`);
    const url = `/api/trpc/${name}`;
    const crossSite = await request.post(url, { data: {}, headers: { ...asRole("admin"), origin: EVIL } });
    expect(crossSite.status(), `${name} cross-site`).toBe(403);
    const anonymous = await request.post(url, { data: {} });
    expect(anonymous.status(), `${name} anonymous`).toBe(401);
    const below = roleBelow(role);
    if (below) {
      const refused = await request.post(url, { data: {}, headers: asRole(below) });
      expect(refused.status(), `${name} as ${below}`).toBe(403);
    }
  }
});

test("an anonymous caller reads every query a viewer may read", async ({ request }) => {
  const readable = procedures.filter(([, type, role]) => type === "query" && role === "viewer");
  expect(readable.length).toBeGreaterThan(5);
  for (const [name] of readable) {
    const res = await request.get(`/api/trpc/${name}?input=${encodeURIComponent("{}")}`);
    // A query may refuse an empty input (400), never the caller.
    expect([401, 403], `${name}: ${res.status()}`).not.toContain(res.status());
    expect(res.status(), name).toBeLessThan(500);
  }
});

test("redirects stay inside the app: the role picker's way back and short links", async ({ request, page }) => {
  for (const back of ["/\\evil.example/x", "/\t/evil.example", "//evil.example", "https://evil.example/"]) {
    const res = await request.post("/identity", { form: { role: "viewer", back }, maxRedirects: 0 });
    expect(res.status(), back).toBe(302);
    expect(res.headers().location, back).toBe("/");
  }
  const refused = await request.post("/api/trpc/links.create", { data: { path: "/\\evil.example/x" }, headers: asRole("viewer") });
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toMatch(/not a path inside the app/);
  // In Chromium, the picker's form with a crafted way back ends on this app.
  await page.goto("/");
  await page.evaluate(() => {
    const form = Object.assign(document.createElement("form"), { method: "post", action: "/identity" });
    for (const [name, value] of [["role", "viewer"], ["back", "/\\evil.example/x"]]) form.append(Object.assign(document.createElement("input"), { type: "hidden", name, value }));
    document.body.append(form);
    form.submit();
  });
  await page.waitForLoadState();
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/$/);
});
