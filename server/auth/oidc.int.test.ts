/**
 * OIDC mode end to end against a real provider (oidc-provider on a loopback port), through the
 * app's own handlers: /auth/login → the provider's login and consent pages → /auth/callback →
 * the session cookie → /api/trpc with the mapped role; sign-out; and bearer tokens from the
 * client-credentials grant on /api/trpc (accepted for the mapped role, refused with 401 when
 * altered, issued for another audience or malformed).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { AppLoadContext } from "@remix-run/node";
import * as client from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action as trpcPost, loader as trpcGet } from "../../app/routes/api.trpc.$";
import { loader as callback } from "../../app/routes/auth.callback";
import { loader as login } from "../../app/routes/auth.login";
import { action as logout } from "../../app/routes/auth.logout";
import { createDqmflowClient } from "../trpc/client";
import { trpcFrontCache } from "../trpc/front-cache";
import { startTestOidcProvider, type TestOidcProvider } from "../testing/oidc-test-provider";
import { testServices } from "../testing/integration";
import type { AppServices } from "../app-services";
import { BearerRefusal, verifyBearer } from "./bearer";
import { oidcSettings } from "./oidc-client";
import { LOGIN_COOKIE, SESSION_COOKIE } from "./session";

const PUBLIC_URL = "http://localhost:39871"; // never fetched: the test plays the browser
const AUDIENCE = "dqmflow-api-test";
const RULE_PREFIX = `oidc-int-${Date.now()}`;
const experts = { clientId: "rr-sync", clientSecret: "rr-sync-secret", groups: ["cms-dqm-experts", "unrelated"] };
const plainService = { clientId: "plotter", clientSecret: "plotter-secret", groups: [] };

let provider: TestOidcProvider;
let services: AppServices;
let api: Server;
let apiUrl = "";

/** What the web server hands every loader: the services and the peer address. */
const ctx = () => ({ request: undefined, params: {}, context: { services, remoteAddress: "127.0.0.1" } as AppLoadContext });

/** A route's answer, whether returned or thrown (Remix shows a thrown Response on the error page). */
async function answerOf(run: () => Promise<Response> | Response): Promise<Response> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof Response) return err;
    throw err;
  }
}

function cookiePair(res: Response, name: string): string {
  const line = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  if (!line) throw new Error(`no ${name} cookie set`);
  return line.split(";")[0]!;
}

/** The provider's cookies, as a browser would keep them for its origin. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(";")[0]!;
      const eq = pair.indexOf("=");
      const [name, value] = [pair.slice(0, eq), pair.slice(eq + 1)];
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** Plays a browser through the provider's login and consent pages; returns the URL it sends the browser back to. */
async function throughProvider(start: string, account: string): Promise<string> {
  const jar = new CookieJar();
  let url = start;
  for (let step = 0; step < 12 && !url.startsWith(PUBLIC_URL); step++) {
    const res = await fetch(url, { redirect: "manual", headers: { cookie: jar.header() } });
    jar.take(res);
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get("location")!, url).href;
      continue;
    }
    const page = await res.text();
    expect(res.status, page).toBe(200);
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
    if (!action || !prompt) throw new Error(`unexpected provider page: ${page.slice(0, 300)}`);
    const form: Record<string, string> = prompt === "login" ? { prompt, login: account, password: "any" } : { prompt };
    const posted = await fetch(new URL(action, url), {
      method: "POST",
      redirect: "manual",
      headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form),
    });
    jar.take(posted);
    url = new URL(posted.headers.get("location")!, url).href;
  }
  expect(url.startsWith(`${PUBLIC_URL}/auth/callback?`), url).toBe(true);
  return url;
}

async function signIn(account: string, back = "/certification?stage=online") {
  const started = await answerOf(() => login({ ...ctx(), request: new Request(`${PUBLIC_URL}/auth/login?back=${encodeURIComponent(back)}`) }));
  expect(started.status).toBe(302);
  const loginCookie = cookiePair(started, LOGIN_COOKIE);
  const returned = await throughProvider(started.headers.get("location")!, account);
  const finished = await answerOf(() => callback({ ...ctx(), request: new Request(returned, { headers: { cookie: loginCookie } }) }));
  return { started, finished, returned, loginCookie };
}

/** A call of the tRPC endpoint through its route, as the browser's fetch would make it. */
async function trpc(path: string, init: { cookie?: string; authorization?: string; input?: unknown; mutation?: boolean }) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.authorization) headers.authorization = init.authorization;
  const url = `${PUBLIC_URL}/api/trpc/${path}`;
  const request = init.mutation ? new Request(url, { method: "POST", headers, body: JSON.stringify(init.input) }) : new Request(url, { headers });
  const res = await (init.mutation ? trpcPost : trpcGet)({ ...ctx(), request });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

const dataOf = (text: string) => (JSON.parse(text) as { result: { data: unknown } }).result.data;

beforeAll(async () => {
  provider = await startTestOidcProvider({
    redirectUris: [`${PUBLIC_URL}/auth/callback`],
    postLogoutRedirectUris: [`${PUBLIC_URL}/`],
    accounts: [
      { login: "ana", name: "Ana Expert", groups: ["cms-dqm-experts", "cms-zz-other"] },
      { login: "bo", name: "Bo Guest", groups: ["cms-zz-other"] },
    ],
    serviceClients: [experts, plainService],
    audience: AUDIENCE,
  });
  services = testServices({
    AUTH_MODE: "oidc",
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.webClient.clientId,
    OIDC_CLIENT_SECRET: provider.webClient.clientSecret,
    OIDC_AUDIENCE: AUDIENCE,
    PUBLIC_URL,
    SESSION_SECRET: "integration-test-session-secret-0123456789",
    SESSION_MAX_AGE_S: "3600",
  });
  // The API as other tools reach it over HTTP: the web server's front cache, then the route.
  const front = trpcFrontCache(services);
  api = createServer((req, res) => front(req, res, () => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = req.method === "POST" ? Buffer.concat(chunks) : undefined;
      const request = new Request(`${PUBLIC_URL}${req.url ?? "/"}`, { method: req.method ?? "GET", headers: req.headers as Record<string, string>, ...(body ? { body } : {}) });
      void (async () => {
        const answer = await (req.method === "POST" ? trpcPost : trpcGet)({ ...ctx(), request });
        res.writeHead(answer.status, Object.fromEntries(answer.headers));
        res.end(Buffer.from(await answer.arrayBuffer()));
      })();
    });
  }));
  await new Promise<void>((r) => api.listen(0, "127.0.0.1", r));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}/api/trpc`;
});

afterAll(async () => {
  await services?.db.deleteFrom("golden_rule").where("name", "like", `${RULE_PREFIX}%`).execute();
  await new Promise((r) => (api ? api.close(r) : r(undefined)));
  await provider?.close();
  await services?.close();
});

describe("signing in with the OIDC provider", () => {
  it("runs the code flow with PKCE, state and nonce, and sets a signed HttpOnly SameSite=Lax session", async () => {
    const { started, finished } = await signIn("ana");
    const authorize = new URL(started.headers.get("location")!);
    expect(authorize.origin).toBe(provider.issuer);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ client_id: "dqmflow-web", redirect_uri: `${PUBLIC_URL}/auth/callback`, response_type: "code", code_challenge_method: "S256" });
    for (const p of ["code_challenge", "state", "nonce"]) expect(authorize.searchParams.get(p)).toMatch(/^[\w-]{20,}$/);
    expect(started.headers.getSetCookie()[0]).toMatch(/^dqmflow_login=[\w-]+\.[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=600$/);
    expect(authorize.searchParams.has("code_verifier")).toBe(false);

    expect(finished.status).toBe(302);
    expect(finished.headers.get("location")).toBe("/certification?stage=online");
    const set = finished.headers.getSetCookie();
    expect(set.find((c) => c.startsWith(`${SESSION_COOKIE}=`))).toMatch(/; Path=\/; HttpOnly; SameSite=Lax; Max-Age=3600$/);
    expect(set.find((c) => c.startsWith(`${LOGIN_COOKIE}=`))).toMatch(/Max-Age=0/);

    const session = cookiePair(finished, SESSION_COOKIE);
    const me = await trpc("health.me", { cookie: session });
    // The groups came from UserInfo (the provider keeps them out of the ID token); only mapped ones are kept.
    expect(dataOf(me.text)).toEqual({ user: "ana", role: "expert", groups: ["cms-dqm-experts"], via: "oidc" });

    const created = await trpc("goldenJson.createRule", { cookie: session, mutation: true, input: { name: `${RULE_PREFIX}-ana`, logic: { "==": [1, 1] }, datasetPattern: "%" } });
    expect(created.status, created.text).toBe(200);
    const row = await services.db.selectFrom("golden_rule").select(["created_by"]).where("name", "=", `${RULE_PREFIX}-ana`).executeTakeFirstOrThrow();
    expect(row.created_by).toBe("ana");
  });

  it("makes a user in no mapped group a signed-in viewer, refused what needs a role", async () => {
    const { finished } = await signIn("bo", "/");
    const session = cookiePair(finished, SESSION_COOKIE);
    expect(dataOf((await trpc("health.me", { cookie: session })).text)).toMatchObject({ user: "bo", role: "viewer", via: "oidc" });
    const refused = await trpc("goldenJson.createRule", { cookie: session, mutation: true, input: { name: `${RULE_PREFIX}-bo`, logic: { "==": [1, 1] }, datasetPattern: "%" } });
    expect(refused.status).toBe(403);
    expect(refused.text).toMatch(/needs the expert role; bo is viewer/);
  });

  it("refuses a callback without its login state, with a forged one, or replayed, and a provider's refusal", async () => {
    const { returned, loginCookie } = await signIn("ana");
    const noState = await answerOf(() => callback({ ...ctx(), request: new Request(returned) }));
    expect(noState.status).toBe(400);
    expect(await noState.text()).toMatch(/login state is missing or invalid \(no cookie\)/);
    const forged = await answerOf(() => callback({ ...ctx(), request: new Request(returned, { headers: { cookie: `${loginCookie}x` } }) }));
    expect(await forged.text()).toMatch(/bad signature/);
    // The code was already exchanged by signIn: the provider refuses it a second time.
    const replayed = await answerOf(() => callback({ ...ctx(), request: new Request(returned, { headers: { cookie: loginCookie } }) }));
    expect(replayed.status).toBe(400);
    expect(await replayed.text()).toMatch(/could not be completed with the provider/);
    const denied = await answerOf(() => callback({ ...ctx(), request: new Request(`${PUBLIC_URL}/auth/callback?error=access_denied&error_description=End-User+aborted`) }));
    expect(denied.status).toBe(403);
    expect(await denied.text()).toMatch(/provider refused: access_denied \(End-User aborted\)/);
  });

  it("signs out: the session cookie is cleared and the browser goes to the provider's end-session endpoint", async () => {
    const out = await answerOf(() => logout({ ...ctx(), request: new Request(`${PUBLIC_URL}/auth/logout`, { method: "POST" }) }));
    expect(out.status).toBe(302);
    const end = new URL(out.headers.get("location")!);
    expect(end.href.startsWith(`${provider.issuer}/session/end`)).toBe(true);
    expect(Object.fromEntries(end.searchParams)).toEqual({ client_id: "dqmflow-web", post_logout_redirect_uri: `${PUBLIC_URL}/` });
    expect(out.headers.getSetCookie()).toEqual([`${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`]);
  });
});

describe("bearer tokens on /api/trpc", () => {
  async function serviceToken(service: { clientId: string; clientSecret: string }, resource: string): Promise<string> {
    const config = await client.discovery(new URL(provider.issuer), service.clientId, undefined, client.ClientSecretBasic(service.clientSecret), { execute: [client.allowInsecureRequests] });
    const tokens = await client.clientCredentialsGrant(config, { resource, scope: "api" });
    return tokens.access_token;
  }

  it("accepts a client-credentials token for the mapped role, through the typed client", async () => {
    const token = await serviceToken(experts, provider.resources.app);
    const tool = createDqmflowClient(apiUrl, () => ({ authorization: `Bearer ${token}` }));
    expect(await tool.health.me.query()).toEqual({ user: "rr-sync", role: "expert", groups: ["cms-dqm-experts"], via: "bearer" });
    const rule = await tool.goldenJson.createRule.mutate({ name: `${RULE_PREFIX}-bearer`, logic: { "==": [1, 1] }, datasetPattern: "%" });
    expect(rule).toMatchObject({ name: `${RULE_PREFIX}-bearer`, version: 1 });
    const row = await services.db.selectFrom("golden_rule").select(["created_by"]).where("name", "=", `${RULE_PREFIX}-bearer`).executeTakeFirstOrThrow();
    expect(row.created_by).toBe("rr-sync");
  });

  it("gives a token whose client is in no mapped group the viewer role, refused a mutation", async () => {
    const token = await serviceToken(plainService, provider.resources.app);
    const refused = await trpc("goldenJson.createRule", { authorization: `Bearer ${token}`, mutation: true, input: { name: `${RULE_PREFIX}-plotter`, logic: { "==": [1, 1] }, datasetPattern: "%" } });
    expect(refused.status).toBe(403);
    expect(refused.text).toMatch(/needs the expert role; plotter is viewer/);
  });

  it("refuses an altered token with 401 and the reason, never as a viewer", async () => {
    const token = await serviceToken(plainService, provider.resources.app);
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
    const promoted = Buffer.from(JSON.stringify({ ...claims, cern_roles: ["cms-dqm-admins"] })).toString("base64url");
    for (const path of ["health.me", "goldenJson.rules"]) {
      const res = await trpc(path, { authorization: `Bearer ${header}.${promoted}.${signature}` });
      expect(res.status).toBe(401);
      expect(res.text).toMatch(/^bearer token refused: the token's signature does not verify/);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer error="invalid_token"/);
    }
  });

  it("is checked by the web server's front cache too: a cached trend answer is never served to an altered token", async () => {
    const token = await serviceToken(experts, provider.resources.app);
    const tree = `${apiUrl}/trends.tree`;
    const first = await fetch(tree, { headers: { authorization: `Bearer ${token}` } });
    expect(first.status).toBe(200);
    const again = await fetch(tree, { headers: { authorization: `Bearer ${token}` } });
    expect(again.headers.get("x-dqmflow-cache")).toBe("hit");
    const altered = await fetch(tree, { headers: { authorization: `Bearer ${token.slice(0, -4)}AAAA` } });
    expect(altered.status).toBe(401);
    expect(await altered.text()).toMatch(/^bearer token refused: the token's signature does not verify/);
  });

  it("refuses an ID token presented as a bearer token, even where its audience would pass", async () => {
    // An ID token of the web client, got the way the app gets one (its audience is the client id).
    const web = await client.discovery(new URL(provider.issuer), provider.webClient.clientId, undefined, client.ClientSecretBasic(provider.webClient.clientSecret), { execute: [client.allowInsecureRequests] });
    const verifier = client.randomPKCECodeVerifier();
    const nonce = client.randomNonce();
    const start = client.buildAuthorizationUrl(web, { redirect_uri: `${PUBLIC_URL}/auth/callback`, scope: "openid", code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: "S256", nonce });
    const tokens = await client.authorizationCodeGrant(web, new URL(await throughProvider(start.href, "ana")), { pkceCodeVerifier: verifier, expectedNonce: nonce });
    const settings = { ...oidcSettings(services.config), audience: provider.webClient.clientId };
    const refusal = await verifyBearer(tokens.id_token!, settings).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(BearerRefusal);
    expect((refusal as BearerRefusal).message).toBe("bearer token refused: an ID token is not an access token");
  });

  it("refuses a token issued for another audience, a malformed one, and a header that is not Bearer", async () => {
    const other = await serviceToken(experts, provider.resources.other);
    const res = await trpc("health.me", { authorization: `Bearer ${other}` });
    expect(res.status).toBe(401);
    expect(res.text).toMatch(new RegExp(`issued for another audience; this server accepts '${AUDIENCE}'`));
    expect((await trpc("health.me", { authorization: "Bearer not.a.jwt" })).text).toMatch(/not a well-formed signed JWT/);
    expect((await trpc("health.me", { authorization: "Basic YTpi" })).text).toMatch(/must be 'Bearer <token>'/);
  });
});
