import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { afterAll, describe, expect, it } from "vitest";
import { identityOf, testServices } from "../testing/integration";
import { createCaller } from "../trpc/app-router";

describe("short links on the real database", () => {
  const services = testServices();
  const api = createCaller({ services, identity: identityOf("viewer") });
  afterAll(() => services.close());

  it("stores a view once and resolves it back, counting hits", async () => {
    const path = `/trends?metric=${randomUUID()}&runs=latest:50`;
    const a = await api.links.create({ path });
    const b = await api.links.create({ path });
    expect(b.code).toBe(a.code);
    expect(await api.links.resolve({ code: a.code })).toEqual({ path });
    const row = await services.db.selectFrom("short_link").selectAll().where("code", "=", a.code).executeTakeFirstOrThrow();
    expect(row.hits).toBe(1);
    expect(row.created_by).toBe("test-viewer");
  });

  it("refuses a link off the site and an unknown code", async () => {
    await expect(api.links.create({ path: "//evil.example/x" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const err = await api.links.resolve({ code: "zzzzzzz" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("NOT_FOUND");
  });
});
