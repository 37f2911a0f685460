/**
 * Walks every mutation of the router, so procedures added later are covered too: each must
 * declare a role, a caller one step below it must be refused before anything runs, and an
 * anonymous caller is refused every mutation, even those a viewer may make.
 */
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import type { AppServices } from "../app-services";
import { roleBelow } from "../auth/roles";
import { appRouter, createCaller } from "./app-router";
import type { ProcedureMeta } from "./trpc";

interface ProcedureDef {
  _def: { type: "query" | "mutation" | "subscription"; meta?: ProcedureMeta };
}

// Any use of a service means the role check let the call through.
const untouchable = new Proxy({} as AppServices, {
  get(_t, prop) {
    throw new Error(`service '${String(prop)}' was used: the role check did not stop the call`);
  },
});

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>);
const mutations = procedures.filter(([, p]) => p._def.type === "mutation");

describe("role enforcement", () => {
  it("finds the mutations to walk", () => {
    expect(mutations.length).toBeGreaterThan(0);
  });

  it.each(procedures)("%s declares the role it needs", (_path, proc) => {
    expect(proc._def.meta?.role).toBeDefined();
  });

  it.each(mutations.filter(([, p]) => roleBelow(p._def.meta!.role)))("%s refuses a caller below its role", async (path, proc) => {
    const below = roleBelow(proc._def.meta!.role)!;
    const caller = createCaller({ services: untouchable, identity: { user: `test-${below}`, role: below, groups: [], via: "local" } });
    const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
    const err = await fn(undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("FORBIDDEN");
  });

  it.each(mutations)("%s refuses an anonymous caller", async (path) => {
    const caller = createCaller({ services: untouchable, identity: { user: "anonymous", role: "viewer", groups: [], via: "anonymous" } });
    const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
    const err = await fn(undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("UNAUTHORIZED");
  });
});
