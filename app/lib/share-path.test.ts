import { describe, expect, it } from "vitest";
import { shareablePath } from "./share-path";

describe("shareable paths", () => {
  it("accepts any page with its query", () => {
    expect(shareablePath("/certification?state=OPEN&stage=online")).toBe("/certification?state=OPEN&stage=online");
    expect(shareablePath("/runs/303999")).toBe("/runs/303999");
    expect(shareablePath("/")).toBe("/");
  });
  it("refuses other hosts, the API and links to links, saying why", () => {
    const notAPath = { error: "a view to share is a path of this app, starting with one /" };
    expect(shareablePath("//evil.example/x")).toEqual(notAPath);
    expect(shareablePath("https://evil.example/")).toEqual(notAPath);
    expect(shareablePath(null)).toEqual(notAPath);
    expect(shareablePath("/api/trpc/health.status")).toEqual({ error: "'/api/trpc/health.status' is not a view" });
    expect(shareablePath("/s/abcd")).toEqual({ error: "'/s/abcd' is not a view" });
    expect(shareablePath("/share?x=1")).toEqual({ error: "'/share' is not a view" });
    expect(shareablePath("/sessions")).toBe("/sessions");
  });
});
