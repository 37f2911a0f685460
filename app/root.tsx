import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useLoaderData, useLocation, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { roles } from "../server/auth/roles";
import { ShareLink } from "./components/share-link";
import { plainMessage } from "./lib/plain-message";
import { serverCaller } from "./trpc.server";
import styles from "./styles/app.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "dqmflow" }];

const THEME_COOKIE = "dqmflow_theme";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await serverCaller(context, request).health.me();
  const theme = /(?:^|;\s*)dqmflow_theme=light/.test(request.headers.get("cookie") ?? "") ? "light" : "dark";
  return { me, theme, serverName: context.services.config.SERVER_NAME, authMode: context.services.config.AUTH_MODE };
}

function toggleTheme() {
  const html = document.documentElement;
  const next = html.dataset.theme === "light" ? "dark" : "light";
  html.dataset.theme = next;
  document.cookie = `${THEME_COOKIE}=${next}; Path=/; SameSite=Lax; Max-Age=31536000`;
}

/** The pages, the same on every page and on error pages (also when the root loader failed). */
function MainNav() {
  return (
    <nav aria-label="Main">
      <NavLink to="/" end>Overview</NavLink>
      <NavLink to="/trends">Trends</NavLink>
      <NavLink to="/certification">Certification</NavLink>
      <NavLink to="/calibration">Calibration</NavLink>
      <NavLink to="/golden-json">Golden JSON</NavLink>
    </nav>
  );
}

function TopBar() {
  // By route id, so the error page (where useLoaderData is not available) shows the same bar.
  const { me, serverName, authMode } = useRouteLoaderData<typeof loader>("root")!;
  const location = useLocation();
  return (
    <header className="top">
      <span className="brand">dqmflow</span>
      <MainNav />
      <span className="spacer" />
      <ShareLink signedIn={me.via !== "anonymous"} />
      <span className="who">
        <span title="server">{serverName}</span>·
        {authMode === "local" ? (
          <Form method="post" action="/identity" reloadDocument>
            <input type="hidden" name="back" value={location.pathname + location.search} />
            <label>
              acting as{" "}
              <select name="role" defaultValue={me.via === "anonymous" ? "" : me.role} aria-label="Role" onChange={(e) => e.currentTarget.form?.requestSubmit()}>
                <option value="">nobody (read only)</option>
                {roles.map((r) => (
                  <option key={r} value={r}>{r}</option>
                ))}
              </select>
            </label>
          </Form>
        ) : authMode === "oidc" && me.via === "anonymous" ? (
          <>
            <span>{me.user} ({me.role})</span>
            <a href={`/auth/login?back=${encodeURIComponent(location.pathname + location.search)}`}>Sign in</a>
          </>
        ) : authMode === "oidc" ? (
          <>
            <span>{me.user} ({me.role})</span>
            <Form method="post" action="/auth/logout" reloadDocument style={{ margin: 0 }}>
              <button type="submit">Sign out</button>
            </Form>
          </>
        ) : (
          <span>{me.user} ({me.role})</span>
        )}
        <button type="button" onClick={toggleTheme} aria-label="Toggle light or dark theme">◐</button>
      </span>
    </header>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" data-theme="dark">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  const { theme } = useLoaderData<typeof loader>();
  // Says that React has hydrated the page (its controls answer): the browser journeys and `bench ui` read it.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <div data-theme-root={theme}>
      <script dangerouslySetInnerHTML={{ __html: `document.documentElement.dataset.theme=${JSON.stringify(theme)}` }} />
      <TopBar />
      <main>
        <Outlet />
      </main>
    </div>
  );
}

/** Headline and advice for an error page, by HTTP status. */
function errorPage(status: number): { title: string; advice: string } {
  if (status === 404) return { title: "Not found", advice: "The run, link or id in the address does not exist. Check it, or find what you need from the pages above." };
  if (status === 400) return { title: "That address is not valid", advice: "A value in the address is malformed; correct it, or start again from the pages above." };
  if (status === 401 || status === 403) return { title: "Not allowed", advice: "Sign in, or pick a role that may see this." };
  if (status === 413) return { title: "Too large", advice: "The request was larger than the server accepts; send less at once." };
  return { title: "Something went wrong", advice: "The server could not show this page. Try again in a moment; if it persists, tell the dqmflow experts what you did." };
}

/** Any page's failure under the navigation bar: what happened in plain words, and a way back. */
export function ErrorBoundary() {
  const error = useRouteError();
  const rootData = useRouteLoaderData<typeof loader>("root");
  const location = useLocation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // The text of an unexpected error is for the server's log, not for the page; Remix's own
  // "Error: No route matches URL …" is said in words.
  const raw = isRouteErrorResponse(error) && typeof error.data === "string" && status < 500 ? error.data : null;
  const detail = raw === null ? null : /^Error: No route matches URL/.test(raw) ? `There is no page at ${location.pathname}.` : plainMessage(raw);
  const { title, advice } = errorPage(status);
  return (
    <div>
      {rootData ? (
        <TopBar />
      ) : (
        <header className="top">
          <span className="brand">dqmflow</span>
          <MainNav />
        </header>
      )}
      <main>
        <div className="error-box" role="alert">
          <h1>{title}</h1>
          {detail ? <p>{detail}</p> : null}
          <p>{advice}</p>
          <p><Link to="/">Back to the overview</Link></p>
        </div>
      </main>
    </div>
  );
}
