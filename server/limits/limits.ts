/**
 * The price list of every input: each number here bounds what one request may make the server
 * do or store. docs/limits.md says why each is what it is; tests read these constants, so a
 * change here moves the tests with it.
 */

/** PostgreSQL `integer` (int4): run numbers, lumisections, serial ids. */
export const INT4_MAX = 2 ** 31 - 1;

/** Bytes of one HTTP request body, checked before parsing (Content-Length and streamed bytes). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Histogram cells (bins incl. under/overflow, 2D: (nx+2)(ny+2)) of one histogram, checked before allocation. */
export const MAX_CELLS_PER_HISTOGRAM = 1_000_000;

/** Histogram cells of all histograms of one request together. */
export const MAX_CELLS_PER_REQUEST = 2_000_000;

/** Names: subsystems, components, run classes, workflows, campaigns, tags (indexed text: far below a btree row's 2,704 bytes). */
export const MAX_NAME_CHARS = 200;

/** Dataset names (/Primary/Processed/TIER) and ME paths: indexed text too. */
export const MAX_PATH_CHARS = 500;

/** Free text a person types: comments, reasons, causes. */
export const MAX_COMMENT_CHARS = 2_000;

/** Elements of any array in an input (run lists, golden JSON runs). */
export const MAX_ARRAY_ITEMS = 20_000;

/** Items of a write batch (alarm keys acknowledged at once). */
export const MAX_BATCH_ITEMS = 500;

/** Requests in one tRPC HTTP batch (`/api/trpc/a,b,c`). */
export const MAX_TRPC_BATCH = 20;

/** Nesting of objects and arrays in an input. */
export const MAX_DEPTH = 32;

/** A JSON-logic rule, serialized: it travels in the golden-JSON workflow's input (Temporal payloads ≤ 2 MiB). */
export const MAX_RULE_BYTES = 64 * 1024;

/** Rows a list query returns at once. */
export const MAX_PAGE_ROWS = 500;

/** A tRPC query input longer than this (JSON characters) is sent by POST, not in the URL. */
export const MAX_QUERY_URL_INPUT_CHARS = 2_000;
