/**
 * A route's error box: what went wrong in the user's words, what to do, and a way back. A 4xx
 * answer's text (written for users by the loader: "there is no run 0") is shown; the text of an
 * unexpected failure (5xx, a thrown Error) is for the server's log, never for the page. The root
 * layout keeps the navigation bar above it.
 */
import { Link, isRouteErrorResponse } from "@remix-run/react";
import { plainMessage } from "../lib/plain-message";

export interface PageErrorProps {
  readonly error: unknown;
  /** What could not be shown ("This run", "The overview"). */
  readonly what: string;
  readonly back: { readonly to: string; readonly label: string };
  /** Said instead of the default advice for a server failure (e.g. "Trying again every 10 s."). */
  readonly retry?: string;
}

/** Headline, shown message and advice for an error, by HTTP status. */
export function describePageError(error: unknown, what: string): { status: number; title: string; message: string | null; advice: string } {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = isRouteErrorResponse(error) && status < 500 && typeof error.data === "string" ? plainMessage(error.data) : null;
  if (status === 404) return { status, title: `${what} does not exist`, message, advice: "Check the number or link in the address, or find it from the pages in the bar above." };
  if (status === 400) return { status, title: `${what} cannot be shown: the address is not valid`, message, advice: "Correct the value named above, or start again from the pages in the bar above." };
  if (status === 401 || status === 403) return { status, title: `${what} needs another role`, message, advice: "Sign in, or choose a role that may see this." };
  if (status < 500) return { status, title: `${what} cannot be shown`, message, advice: "Change what the message names and try again." };
  return { status, title: `${what} could not be loaded`, message: null, advice: "The server failed while preparing this page. Reload in a moment; if it keeps failing, tell the dqmflow experts what you did and when." };
}

export function PageError({ error, what, back, retry }: PageErrorProps) {
  const d = describePageError(error, what);
  return (
    <div className="error-box" role="alert" data-status={d.status}>
      <h1>{d.title}</h1>
      {d.message ? <p>{d.message}</p> : null}
      <p>{retry && d.status >= 500 ? `${d.advice} ${retry}` : d.advice}</p>
      <p>
        <Link to={back.to}>{back.label}</Link>
      </p>
    </div>
  );
}
