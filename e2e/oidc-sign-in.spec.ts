/**
 * Signing in with OIDC in Chromium. This journey starts its own OpenID Connect provider
 * (oidc-provider, server/testing/oidc-test-provider.ts) and its own web server in AUTH_MODE=oidc
 * on spare loopback ports (the suite's main server runs in local mode): an anonymous viewer
 * signs in through the provider's login and consent pages, sees their name and role in the
 * header, creates a golden-JSON rule set as experts may, signs out at the provider and is an
 * anonymous viewer again. The app is on `localhost` and the provider on `127.0.0.1`, so the
 * provider's redirect back is a cross-site navigation that a SameSite=Lax cookie must survive.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { startTestOidcProvider, type TestOidcProvider } from "../server/testing/oidc-test-provider";
import { freePort } from "../server/testing/free-port";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ACCOUNT = { login: "e2e-oidc-expert", name: "E2E Expert", groups: ["cms-dqm-experts", "cms-zz-unmapped"] };
const RULE = `oidc-e2e-${Date.now()}`;

let provider: TestOidcProvider | undefined;
let web: ChildProcess | undefined;
let webLog = "";
let origin = "";


/**
 * The web server in OIDC mode, kept in `web` from the moment it is spawned (so afterAll stops it
 * even when the start times out); resolves once it listens, rejects with its log if it exits first.
 */
function startWeb(port: number, env: Record<string, string>): Promise<void> {
  // E2E_BUILD_DIR: a private copy of the Remix build (index.js, public/build) instead of build/.
  const build = process.env.E2E_BUILD_DIR ? ["--build", process.env.E2E_BUILD_DIR] : [];
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "app/http-server.ts"), ...build], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  web = child;
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      webLog += chunk.toString();
      if (webLog.includes(`web: http://127.0.0.1:${port}`)) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`the OIDC-mode web server exited (${code}):\n${webLog.slice(-2000)}`)));
  });
}

async function stopWeb(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const late = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(late);
}

// Whatever happens to the test process, the web server it started does not outlive it.
process.once("exit", () => web?.kill("SIGKILL"));

test.beforeAll(async () => {
  // A server started through tsx takes a while on a busy machine.
  test.setTimeout(120_000);
  const port = await freePort();
  origin = `http://localhost:${port}`;
  provider = await startTestOidcProvider({
    redirectUris: [`${origin}/auth/callback`],
    postLogoutRedirectUris: [`${origin}/`],
    accounts: [ACCOUNT],
    audience: "dqmflow-e2e",
  });
  await startWeb(port, {
    AUTH_MODE: "oidc",
    PUBLIC_URL: origin,
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.webClient.clientId,
    OIDC_CLIENT_SECRET: provider.webClient.clientSecret,
    OIDC_AUDIENCE: "dqmflow-e2e",
    SESSION_SECRET: randomBytes(32).toString("base64url"),
    SERVER_NAME: "dqmflow-e2e-oidc",
  });
});

test.afterAll(async () => {
  if (web) await stopWeb(web);
  await provider?.close();
  if (process.env.DATABASE_URL) {
    const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    await db.query("delete from golden_rule where name = $1", [RULE]).finally(() => db.end());
  }
});

test("an anonymous viewer signs in through the OIDC provider, acts as an expert, signs out and is a viewer again", async ({ page }) => {
  const banner = page.getByRole("banner");
  await page.goto(`${origin}/golden-json`);
  await expect(banner).toContainText("anonymous (viewer)");
  await expect(page.getByText("Experts create and lock rule sets.")).toBeVisible();

  await banner.getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`^${provider!.issuer}/interaction/`));
  await page.getByPlaceholder("Enter any login").fill(ACCOUNT.login);
  await page.getByPlaceholder("and password").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page).toHaveURL(`${origin}/golden-json`);
  await expect(banner).toContainText(`${ACCOUNT.login} (expert)`);
  const session = (await page.context().cookies(origin)).find((c) => c.name === "dqmflow_session");
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });
  expect(session!.expires).toBeGreaterThan(Date.now() / 1000);

  const form = page.getByRole("form", { name: "New rule version" });
  await form.getByLabel("Name").fill(RULE);
  await form.getByRole("button", { name: "Save new version" }).click();
  await expect(form.getByRole("status")).toHaveText(`rule ${RULE} version 1 saved`);
  await expect(page.getByRole("row", { name: new RegExp(RULE) })).toContainText(ACCOUNT.login);

  await banner.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(new RegExp(`^${provider!.issuer}/session/end`));
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(page).toHaveURL(`${origin}/`);
  await expect(banner).toContainText("anonymous (viewer)");
  await expect(banner.getByRole("link", { name: "Sign in" })).toBeVisible();
  expect((await page.context().cookies(origin)).map((c) => c.name)).not.toContain("dqmflow_session");
  await page.goto(`${origin}/golden-json`);
  await expect(page.getByText("Experts create and lock rule sets.")).toBeVisible();
});
