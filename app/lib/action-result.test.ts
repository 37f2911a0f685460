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

describe("attempt", () => {
  it("turns a thrown refusal into data", async () => {
    await expect(attempt("signOff", () => Promise.reject(new Error("not awaiting sign-off")), "42")).resolves.toEqual({ ok: false, intent: "signOff", error: "not awaiting sign-off", key: "42" });
    await expect(attempt("signOff", () => Promise.resolve("done"))).resolves.toEqual({ ok: true, intent: "signOff", message: "done" });
  });
});
