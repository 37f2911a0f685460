/**
 * "Share" in the top bar of every page: stores the current view (path and query, where every
 * page keeps its state) as a short link /s/<code> through the /share action, and shows it,
 * ready to copy.
 */
import { useFetcher, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

type ShareResult = { url: string } | { error: string };

/** `signedIn`: an anonymous caller may only read, so it is told to sign in instead of being refused. */
export function ShareLink({ signedIn }: { signedIn: boolean }) {
  const fetcher = useFetcher<ShareResult>();
  const location = useLocation();
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const result = fetcher.data;
  const absolute = result && "url" in result && typeof window !== "undefined" ? new URL(result.url, window.location.origin).href : null;
  useEffect(() => {
    setCopied(false);
    field.current?.select();
  }, [absolute]);
  const copy = async () => {
    if (!absolute) return;
    try {
      await navigator.clipboard.writeText(absolute);
      setCopied(true);
    } catch {
      field.current?.select();
    }
  };
  return (
    <div className="share-link">
      <fetcher.Form method="post" action="/share">
                <input type="hidden" name="path" value={location.pathname + location.search} />
        <button type="submit" disabled={!signedIn || fetcher.state !== "idle"} title={signedIn ? "Make a short link to this view" : "Sign in (in local mode: choose a role) to make short links"}>
          {fetcher.state !== "idle" ? "Creating link…" : "Share"}
        </button>
      </fetcher.Form>
      {absolute ? (
        <>
          <input ref={field} readOnly value={absolute} aria-label="Short link" className="share-link-url" onFocus={(e) => e.currentTarget.select()} />
          <button type="button" onClick={() => void copy()}>{copied ? "Copied" : "Copy"}</button>
        </>
      ) : null}
      {result && "error" in result ? <span role="alert" className="share-link-error">{result.error}</span> : null}
    </div>
  );
}
