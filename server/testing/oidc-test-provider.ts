/**
 * A real OpenID Connect provider for tests (panva's oidc-provider, the certified implementation
 * openid-client is tested against) on a loopback port: one confidential client for the
 * authorization-code flow (PKCE required), service clients for client credentials whose access
 * tokens are RS256 JWTs for a resource's audience, and accounts whose roles are in a groups claim
 * as CERN's Keycloak puts them (`cern_roles`). Sign-in uses the provider's own login and consent
 * pages (its development interactions: any password is accepted for a known login).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import Provider, { errors, type ClientMetadata } from "oidc-provider";

export interface TestAccount {
  readonly login: string;
  readonly name: string;
  readonly groups: readonly string[];
}

export interface TestServiceClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly groups: readonly string[];
}

export interface TestOidcProviderOptions {
  /** Where the web client may return: the app's <PUBLIC_URL>/auth/callback. */
  readonly redirectUris: readonly string[];
  /** The app's <PUBLIC_URL>/ (after sign-out). */
  readonly postLogoutRedirectUris: readonly string[];
  readonly accounts: readonly TestAccount[];
  readonly serviceClients?: readonly TestServiceClient[];
  /** Audience of tokens for the resource `resources.app` (the app's OIDC_AUDIENCE). */
  readonly audience: string;
  /** The claim holding the groups (default cern_roles). */
  readonly groupsClaim?: string;
  /** Address to listen on (default 127.0.0.1). */
  readonly host?: string;
}

export interface TestOidcProvider {
  readonly issuer: string;
  readonly webClient: { readonly clientId: string; readonly clientSecret: string };
  /** Resource indicators: tokens for `app` carry the app's audience, for `other` another tool's. */
  readonly resources: { readonly app: string; readonly other: string };
  readonly otherAudience: string;
  close(): Promise<void>;
}

const RESOURCE_APP = "urn:dqmflow:test:api";
const RESOURCE_OTHER = "urn:other-tool:test:api";
const OTHER_AUDIENCE = "other-tool";

export async function startTestOidcProvider(opts: TestOidcProviderOptions): Promise<TestOidcProvider> {
  const groupsClaim = opts.groupsClaim ?? "cern_roles";
  const host = opts.host ?? "127.0.0.1";
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, resolve);
  });
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: "test-rs256", alg: "RS256", use: "sig" };
  const webClient = { clientId: "dqmflow-web", clientSecret: "web-client-secret-for-tests-only" };
  const services = new Map((opts.serviceClients ?? []).map((c) => [c.clientId, c]));
  const accounts = new Map(opts.accounts.map((a) => [a.login, a]));

  const clients: ClientMetadata[] = [
    {
      client_id: webClient.clientId,
      client_secret: webClient.clientSecret,
      redirect_uris: [...opts.redirectUris],
      post_logout_redirect_uris: [...opts.postLogoutRedirectUris],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
    ...[...services.values()].map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: [],
      grant_types: ["client_credentials"],
      response_types: [],
      token_endpoint_auth_method: "client_secret_basic" as const,
    })),
  ];

  const provider = new Provider(issuer, {
    clients,
    jwks: { keys: [signingKey] },
    cookies: { keys: ["oidc-test-provider-cookie-key"] },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 300, IdToken: 300, ClientCredentials: 300, AuthorizationCode: 60 },
    claims: { openid: ["sub", groupsClaim], profile: ["name", "preferred_username"], email: ["email"] },
    findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({ sub: id, name: account.name, preferred_username: account.login, email: `${account.login}@example.org`, [groupsClaim]: [...account.groups] }),
      };
    },
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx, _client, oneOf) => oneOf,
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, resource) {
          const audience = resource === RESOURCE_APP ? opts.audience : resource === RESOURCE_OTHER ? OTHER_AUDIENCE : undefined;
          if (!audience) throw new errors.InvalidTarget();
          return { scope: "api", audience, accessTokenFormat: "jwt", accessTokenTTL: 300, jwt: { sign: { alg: "RS256" } } };
        },
      },
    },
    extraTokenClaims(_ctx, token) {
      const service = token.kind === "ClientCredentials" && token.clientId ? services.get(token.clientId) : undefined;
      return service ? { [groupsClaim]: [...service.groups] } : undefined;
    },
  });
  // The provider logs each request it fails on its own: quiet here, tests assert the outcomes.
  provider.on("server_error", (_ctx, err) => console.error(`oidc test provider: ${err.message}`));
  const handle = provider.callback();
  server.on("request", (req, res) => {
    void handle(req, res);
  });

  return {
    issuer,
    webClient,
    resources: { app: RESOURCE_APP, other: RESOURCE_OTHER },
    otherAudience: OTHER_AUDIENCE,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
