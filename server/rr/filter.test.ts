import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from "kysely";
import { describe, expect, it } from "vitest";
import type { Database } from "../../db/database";
import { RrError } from "./errors";
import { parseRrFilter } from "./filter";
import { compileRrFilter, compileSortings } from "./filter-sql";
import { goldenLogicFromRr, runClassFromRr } from "./vocabulary";

const db = new Kysely<Database>({
  dialect: { createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (k) => new PostgresIntrospector(k), createQueryCompiler: () => new PostgresQueryCompiler() },
});

function compileRuns(filter: unknown) {
  const q = db.selectFrom("run as r").leftJoin("cert_run as cr", "cr.run_number", "r.run_number").select("r.run_number").where(compileRrFilter("runs", parseRrFilter(filter))).compile();
  return { sql: q.sql.replace(/\s+/g, " "), parameters: q.parameters };
}

describe("RR filter grammar", () => {
  it("compiles the client's Example 1 to parameterised SQL on dqmflow's columns", () => {
    const q = compileRuns({
      run_number: { and: [{ ">": 309000 }, { "<": 310000 }] },
      "rr_attributes.class": { "=": "Collisions" },
      "oms_attributes.b_field": { ">=": 3.7 },
      "triplet_summary.dt-dt.GOOD": { ">": 0 },
      "oms_attributes.hlt_key": { like: "%physics%" },
    });
    expect(q.sql).toContain(`("r"."run_number" > $1 and "r"."run_number" < $2)`);
    expect(q.sql).toContain(`"r"."run_class" = $3`);
    expect(q.sql).toContain(`"r"."b_field" >= $4::double precision`);
    expect(q.sql).toContain(`"r"."hlt_key" ilike $9`);
    expect(q.parameters).toEqual([309000, 310000, "Collisions", 3.7, "online", "dt-dt", "GOOD", 0, "%physics%"]);
  });

  it("keeps values out of the SQL text and types them by attribute", () => {
    const evil = "x'; drop table run; --";
    const q = compileRuns({ "rr_attributes.class": evil, run_number: { "=": "380567" }, "rr_attributes.significant": "true", or: [{ "oms_attributes.start_time": { ">=": "2026-06-01T00:00:00Z" } }, { "rr_attributes.state": { notlike: "SIGN%" } }] });
    expect(q.sql).not.toContain("drop table");
    expect(q.parameters).toEqual([evil, 380567, true, new Date("2026-06-01T00:00:00Z"), "SIGN%"]);
    expect(q.sql).toContain(`coalesce(cr.state, 'OPEN') not ilike $5`);
  });

  it("accepts bare values, bare lists and nested and/or, and null as IS NULL", () => {
    const q = compileRuns({ run_number: [1, 2], "oms_attributes.hlt_key": null, and: [{ or: [{ "rr_attributes.class": "Cosmics" }, { run_number: { or: [3, { ">=": 10 }] } }] }] });
    expect(q.sql).toContain(`("r"."run_number" = $1 or "r"."run_number" = $2)`);
    expect(q.sql).toContain(`"r"."hlt_key" is null`);
    expect(q.sql).toContain(`("r"."run_class" = $3 or ("r"."run_number" = $4 or "r"."run_number" >= $5))`);
  });

  it.each([
    [{ run_number: { between: [1, 2] } }, /unknown operator 'between'/],
    [{ run_number: { "=": "12a" } }, /compares numbers/],
    [{ "rr_attributes.significant": { "=": 1 } }, /compares booleans/],
    [{ "oms_attributes.start_time": { ">": "yesterday" } }, /is not an ISO date/],
    [{ "rr_attributes.class": { "=": { nested: 1 } } }, /operator '=' needs a string, number, boolean or null/],
    [{ "rr_attributes.class": { "=": [1] } }, /needs a string, number, boolean or null/],
    [{ "r.run_number; drop table run": 1 }, /unknown filter attribute/],
    [{ "triplet_summary.dt-dt.MAYBE": { ">": 0 } }, /STATUS one of/],
    [{ "dataset_attributes.global_state": "OPEN" }, /unknown filter attribute/],
    [{ or: { a: 1 } }, /needs a list of filters/],
    [{ run_number: { ">": Number.POSITIVE_INFINITY } }, /is not a finite number/],
  ])("refuses %j", (filter, message) => {
    expect(() => compileRuns(filter)).toThrow(RrError);
    expect(() => compileRuns(filter)).toThrow(message);
  });

  it("refuses 10,000 nested levels and huge filters without walking them", () => {
    let deep: unknown = {};
    for (let i = 0; i < 10_000; i++) deep = { and: [deep] };
    expect(() => parseRrFilter(deep)).toThrow(/nested deeper than 32 levels/);
    const wide = { or: Array.from({ length: 6000 }, (_, i) => ({ run_number: i })) };
    expect(() => parseRrFilter(wide)).toThrow(/more than 5000 conditions/);
    const triplets = { or: Array.from({ length: 51 }, (_, i) => ({ [`triplet_summary.dt-dt.GOOD`]: { ">": i } })) };
    expect(() => compileRuns(triplets)).toThrow(/51 triplet_summary conditions; at most 50/);
  });

  it("sorts by known attributes only", () => {
    expect(compileSortings("runs", [["oms_attributes.b_field", "DESC"]])).toHaveLength(1);
    expect(() => compileSortings("runs", [["run_number", "SIDEWAYS"]])).toThrow(/not ASC or DESC/);
    expect(() => compileSortings("runs", [["pg_sleep(10)", "ASC"]])).toThrow(/unknown filter attribute/);
  });
});

describe("RR vocabulary", () => {
  it("maps RR classes and json-logic variables to dqmflow's", () => {
    expect(runClassFromRr("Collisions18")).toBe("Collisions");
    expect(runClassFromRr("Cosmics22")).toBe("Cosmics");
    expect(runClassFromRr("Nonsense")).toBeNull();
    expect(goldenLogicFromRr({ and: [{ "==": [{ var: "lumisection.oms.bpix_ready" }, true] }, { ">=": [{ var: ["run.oms.energy", 0] }, 6000] }, { "==": [{ var: "run.rr.class" }, "Collisions"] }] })).toEqual({
      and: [{ "==": [{ var: "lumisection.oms.bpix" }, true] }, { ">=": [{ var: ["run.oms.energy", 0] }, 6000] }, { "==": [{ var: "run.run_class" }, "Collisions"] }],
    });
  });
});
