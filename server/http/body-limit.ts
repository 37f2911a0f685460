/**
 * The web server's cap on request bodies, before anything parses them (tRPC, Remix actions, the
 * Run Registry surface): a declared Content-Length over the limit is refused at once; a chunked
 * body is counted as it streams and refused the moment it passes the limit. Either way the
 * answer is 413 naming the limit and no more of the body is kept: the rest is read and dropped
 * (Node's own dump of an unread body), so the client, still sending, reliably reads the 413 —
 * closing at once would reset its connection before it sees the answer.
 *
 * Counting taps the request's `emit`, so whoever reads the body later (Remix's stream pump,
 * body-parser) reads it exactly as before — attaching a 'data' listener here would start the
 * flow before they listen. Once refused, the request's later consumers see the body end short
 * and their answer is dropped: the 413 has already been written.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { MAX_BODY_BYTES } from "../limits/limits";

function describe(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

/** The 413 answer, in the JSON shape of the API's errors so tRPC clients read it as one. */
function refuse(res: ServerResponse, limit: number, what: string): void {
  const message = `the request body ${what}; at most ${describe(limit)} (${limit} bytes) are accepted`;
  const body = JSON.stringify({ error: { message, code: -32600, data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413, limit } } });
  res.writeHead(413, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/** Whatever is written after the 413 (a consumer answering its truncated body) goes nowhere. */
function seal(res: ServerResponse): void {
  const ignore = () => res;
  Object.assign(res, { writeHead: ignore, setHeader: ignore, appendHeader: ignore, removeHeader: ignore, write: () => true, end: ignore, flushHeaders: () => undefined });
}

/** Express-style middleware capping request bodies at `limit` bytes. */
export function bodyLimit(limit: number = MAX_BODY_BYTES) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) {
      // Nothing reads the body: Node drops it after the answer.
      refuse(res, limit, `declares ${declared} bytes (Content-Length)`);
      return;
    }
    // With a Content-Length within the limit, Node's parser never delivers more than it says.
    if (req.headers["content-length"] !== undefined && Number.isFinite(declared)) return next();
    let seen = 0;
    let refused = false;
    const emit = req.emit.bind(req);
    req.emit = ((event: string | symbol, ...args: unknown[]): boolean => {
      if (event === "data") {
        if (refused) return false;
        seen += (args[0] as Buffer).length;
        if (seen > limit) {
          refused = true;
          if (!res.headersSent) {
            refuse(res, limit, `passed ${describe(limit)} while streaming`);
            seal(res);
          }
          req.resume(); // the rest is read and dropped, never kept
          return false;
        }
      }
      return emit(event, ...args);
    }) as typeof req.emit;
    next();
  };
}
