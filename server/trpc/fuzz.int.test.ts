/**
 * Property-based fuzzing of every tRPC procedure's input, through real HTTP (body cap, front
 * cache, tRPC route) on the real database and Temporal. The procedures are found by walking the
 * router, so procedures added later are fuzzed too; each gets inputs built from its own schema's
 * field names filled with boundary values (2^31, -1, NaN, 1 MB strings, NUL, lone surrogates,
 * deep and long arrays) and garbage. Properties: never a 5xx, always an answer within a time
 * bound, and a refused mutation changes no table's row count.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiTestServer, type ApiTestServer } from "../http/test-server";
import { MAX_QUERY_URL_INPUT_CHARS } from "../limits/limits";
import { tableCounts } from "../limits/table-counts";
import { testServices } from "../testing/integration";
import { appRouter } from "./app-router";

interface ProcedureDef {
  _def: { type: "query" | "mutation" | "subscription"; inputs: unknown[] };
}

/** Bound on one answer; a refusal takes milliseconds, so this only catches a hang. */
const ANSWER_MS = 10_000;
const RUNS_PER_PROCEDURE = Number(process.env.FUZZ_RUNS ?? 12);

const services = testServices();
let api: ApiTestServer;

type ZodNode = { _zod?: { def?: { type?: string; shape?: Record<string, ZodNode>; innerType?: ZodNode; in?: ZodNode; options?: ZodNode[] } } };

/** Field names of a zod object schema, looking through optional/default/nullable/pipe/union wrappers. */
function fieldNames(schema: unknown, depth = 0): string[] {
  const def = (schema as ZodNode | undefined)?._zod?.def;
  if (!def || depth > 6) return [];
  if (def.type === "object" && def.shape) return Object.keys(def.shape);
  if (def.innerType) return fieldNames(def.innerType, depth + 1);
  if (def.in) return fieldNames(def.in, depth + 1);
  if (def.options) return [...new Set(def.options.flatMap((o) => fieldNames(o, depth + 1)))];
  return [];
}

let deep: unknown = 1;
for (let i = 0; i < 200; i++) deep = [deep];

const boundaryNumber = fc.constantFrom(2 ** 31, 2 ** 31 - 1, -1, 0, 1, Number.NaN, 1e308, -1e308, 2 ** 53 + 1, 0.5, 99_999_999_999);
const boundaryString = fc.oneof(
  fc.constantFrom("", "x".repeat(1_000_000), "a\u0000b", "\uD800", "x\uDC00", "\uD83D\uDE00", "%", "/ZeroBias/Run2026A-v1/DQMIO", "Collisions", "online", "../../etc/passwd", "' or 1=1 --", "2024-13-45"),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 20 }),
);
const boundaryValue: fc.Arbitrary<unknown> = fc.oneof(
  boundaryNumber,
  boundaryString,
  fc.boolean(),
  fc.constant(null),
  fc.constant(deep),
  fc.constant(Array.from({ length: 30_000 }, (_, i) => i)),
  fc.constant({ kind: "list", runs: [2 ** 31, -1] }),
  fc.constant({ kind: "golden", json: { "99999999999": [[1, 2 ** 31]] } }),
  fc.constant({ $arr: "Float64", len: 1e9 }),
  fc.constant({ _typename: "TH2F", fXaxis: { fNbins: 1e5 }, fYaxis: { fNbins: 1e5 }, fArray: { $arr: "Float32", len: 3 } }),
  fc.array(fc.oneof(boundaryNumber, boundaryString), { maxLength: 5 }),
);

function inputFor(names: string[]): fc.Arbitrary<unknown> {
  const record = names.length > 0 ? fc.record(Object.fromEntries(names.map((n) => [n, boundaryValue])), { requiredKeys: [] }) : fc.constant({});
  return fc.oneof({ weight: 6, arbitrary: record }, { weight: 1, arbitrary: boundaryValue }, { weight: 1, arbitrary: fc.constant(undefined) });
}

/** One call as the clients make it: a short query in the URL, a long one or a mutation POSTed, a subscription as SSE (closed after its status). */
async function call(path: string, type: ProcedureDef["_def"]["type"], input: unknown): Promise<{ status: number; ms: number; body: string }> {
  const json = input === undefined ? undefined : JSON.stringify(input);
  const headers = { "x-dqmflow-role": "admin", "content-type": "application/json" };
  const viaUrl = type === "subscription" || (type === "query" && (json?.length ?? 0) <= MAX_QUERY_URL_INPUT_CHARS);
  const url = `${api.origin}/api/trpc/${path}${viaUrl && json !== undefined ? `?input=${encodeURIComponent(json)}` : ""}`;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), ANSWER_MS * 2);
  const t0 = performance.now();
  try {
    const res = await fetch(url, { method: viaUrl ? "GET" : "POST", headers, ...(viaUrl ? {} : { body: json ?? "" }), signal: abort.signal });
    const ms = performance.now() - t0;
    if (res.ok && type === "subscription") {
      abort.abort(); // a live stream: its status is the answer
      return { status: res.status, ms, body: "" };
    }
    return { status: res.status, ms, body: await res.text() };
  } finally {
    clearTimeout(timer);
  }
}

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>);

beforeAll(async () => {
  api = await startApiTestServer(services);
});

afterAll(async () => {
  await api.close();
  await services.close();
});

describe("fuzzing every procedure's input through HTTP", () => {
  it("finds the procedures to fuzz", () => {
    expect(procedures.length).toBeGreaterThan(30);
  });

  it.each(procedures)("%s: no 5xx, no hang, no write on refusal", async (path, proc) => {
    const type = proc._def.type;
    const names = proc._def.inputs.flatMap((s) => fieldNames(s));
    // A procedure without input ignores it: one call says all (health.status waits up to 5 s for a worker by design).
    const numRuns = proc._def.inputs.length === 0 ? 1 : RUNS_PER_PROCEDURE;
    await fc.assert(
      fc.asyncProperty(inputFor(names), async (input) => {
        const before = type === "mutation" ? await tableCounts(services.db) : null;
        const answer = await call(path, type, input);
        expect(answer.status, `${path} answered ${answer.status}: ${answer.body.slice(0, 300)}`).toBeLessThan(500);
        expect(answer.ms).toBeLessThan(ANSWER_MS);
        if (before && answer.status >= 400) expect(await tableCounts(services.db)).toEqual(before);
      }),
      { numRuns, endOnFailure: true },
    );
  }, 60_000);
});
