import { randomInt } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { afterAll, describe, expect, it } from "vitest";
import { identityOf, testServices } from "../testing/integration";
import { createCaller } from "../trpc/app-router";

describe("stored run selections on the real database", () => {
  const services = testServices();
  const api = createCaller({ services, identity: identityOf("viewer") });
  afterAll(() => services.close());
  const base = randomInt(1_000_000, 1_900_000_000);

  it("keeps a golden JSON by its content: the same runs in any order get one code, and it comes back canonical", async () => {
    const json: Record<string, [number, number][]> = {};
    for (let i = 0; i < 1500; i++) json[String(base + i)] = [[10, 20], [1, 12]];
    const reordered = Object.fromEntries(Object.entries(json).reverse());
    const a = await api.selections.storeGolden({ json });
    const b = await api.selections.storeGolden({ json: reordered });
    expect(a).toEqual({ code: b.code, runs: 1500 });
    expect(a.code).toMatch(/^[\w-]{16}$/);
    const back = await api.selections.golden({ code: a.code });
    expect(Object.keys(back)).toHaveLength(1500);
    expect(back[String(base)]).toEqual([[1, 20]]); // ranges merged and sorted, as the trend query reads them
    const rows = await services.db.selectFrom("stored_selection").select(["runs", "created_by"]).where("code", "=", a.code).execute();
    expect(rows).toEqual([{ runs: 1500, created_by: "test-viewer" }]);
  });

  it("answers an unknown or malformed code with NOT_FOUND", async () => {
    for (const code of ["AAAAAAAAAAAAAAAA", "short", "../../etc/passwd"]) {
      const err = await api.selections.golden({ code }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TRPCError);
      expect((err as TRPCError).code).toBe("NOT_FOUND");
    }
  });

  it("refuses to store for an anonymous caller and stores nothing", async () => {
    const anonymous = createCaller({ services, identity: { user: "anonymous", role: "viewer", groups: [], via: "anonymous" } });
    const json = { [String(base + 99_999)]: [[1, 2]] as [number, number][] };
    await expect(anonymous.selections.storeGolden({ json })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const left = await services.db.selectFrom("stored_selection").select("code").where("created_by", "=", "anonymous").execute();
    expect(left).toEqual([]);
  });
});
