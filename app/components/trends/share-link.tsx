/** "Share": stores the current view as a short link (/s/<code>) and shows it, ready to copy. */
import { useFetcher, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

type ShareResult = { url: string } | { error: string };

export function ShareLink() {
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
    <div className="trend-share">
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="share" />
        <input type="hidden" name="path" value={location.pathname + location.search} />
        <button type="submit" disabled={fetcher.state !== "idle"}>{fetcher.state !== "idle" ? "Creating link…" : "Share"}</button>
      </fetcher.Form>
      {absolute ? (
        <>
          <input ref={field} readOnly value={absolute} aria-label="Short link" className="trend-share-url" onFocus={(e) => e.currentTarget.select()} />
          <button type="button" onClick={() => void copy()}>{copied ? "Copied" : "Copy"}</button>
        </>
      ) : null}
      {result && "error" in result ? <span role="alert" className="trend-error">{result.error}</span> : null}
    </div>
  );
}
