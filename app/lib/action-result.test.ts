import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { attempt, refusal } from "./action-result";

describe("refusal", () => {
  it("shows the API's message", () => {
    expect(refusal(new TRPCError({ code: "FORBIDDEN", message: "this needs the shifter role" }))).toBe("this needs the shifter role");
  });
  it("names each invalid field", () => {
    const zodError = z.object({ firstLs: z.number().min(1) }).safeParse({ firstLs: 0 }).error;
    expect(refusal(new TRPCError({ code: "BAD_REQUEST", cause: zodError }))).toMatch(/^firstLs: /);
  });
});

describe("refusals in plain words with their status", () => {
  it("keeps the API's status and names the first invalid field", async () => {
    const zodError = z.object({ runNumber: z.number().max(2 ** 31 - 1) }).safeParse({ runNumber: 2 ** 31 }).error;
    const r = await attempt("signOff", () => Promise.reject(new TRPCError({ code: "BAD_REQUEST", cause: zodError })));
    expect(r).toMatchObject({ ok: false, status: 400, field: "runNumber" });
    expect(await attempt("x", () => Promise.reject(new TRPCError({ code: "NOT_FOUND", message: "unknown run 5" })))).toMatchObject({ status: 404, error: "unknown run 5" });
  });

  it("never shows a database's own text", async () => {
    const pgError = Object.assign(new Error('value "2147483648" is out of range for type integer'), { code: "22003", severity: "ERROR" });
    const r = await attempt("x", () => Promise.reject(new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: pgError })));
    expect(r).toMatchObject({ ok: false, status: 400 });
    expect(!r.ok && r.error).toMatch(/outside the range/);
    expect(!r.ok && r.error).not.toMatch(/integer|2147483648/);
  });
});

describe("attempt", () => {
  it("turns a thrown refusal into data", async () => {
    await expect(attempt("signOff", () => Promise.reject(new Error("not awaiting sign-off")), "42")).resolves.toEqual({ ok: false, intent: "signOff", error: "not awaiting sign-off", status: 400, key: "42" });
    await expect(attempt("signOff", () => Promise.resolve("done"))).resolves.toEqual({ ok: true, intent: "signOff", message: "done" });
  });
});
