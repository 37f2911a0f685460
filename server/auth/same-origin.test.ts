import { describe, expect, it } from "vitest";
import { crossSiteRefusal, localHostRefusal, sameOriginPath } from "./same-origin";

const post = { method: "POST", host: "localhost:3000", origin: undefined, referer: undefined, secFetchSite: undefined };

describe("sameOriginPath", () => {
  it.each([
    ["/\\evil.example/x"],
    ["/\tevil.example"],
    ["/\t/evil.example"],
    ["//evil.example/x"],
    ["/.//evil.example"],
    ["https://evil.example/"],
    ["javascript:alert(1)"],
    ["/runs\n/1"],
    ["evil.example"],
    [""],
    [42],
  ])("refuses %j and falls back", (candidate) => {
    expect(sameOriginPath(candidate)).toBe("/");
  });

  it.each([
    ["/trends?metric=a&runs=latest:50", "/trends?metric=a&runs=latest:50"],
    ["/runs/355100#flags", "/runs/355100#flags"],
    ["/golden-json?name=a b", "/golden-json?name=a%20b"],
  ])("keeps %j inside the app", (candidate, expected) => {
    expect(sameOriginPath(candidate)).toBe(expected);
  });
});

describe("crossSiteRefusal", () => {
  it("lets reads through from anywhere", () => {
    expect(crossSiteRefusal({ ...post, method: "GET", origin: "https://evil.example", secFetchSite: "cross-site" })).toBeNull();
  });

  it("refuses a cross-site or same-site post by Sec-Fetch-Site", () => {
    expect(crossSiteRefusal({ ...post, secFetchSite: "cross-site" })).toMatch(/cross-site request/);
    expect(crossSiteRefusal({ ...post, secFetchSite: "same-site", origin: "http://other.localhost:3000" })).toMatch(/same-site/);
  });

  it("refuses a post whose Origin or Referer is another host", () => {
    expect(crossSiteRefusal({ ...post, origin: "https://evil.example" })).toMatch(/evil\.example/);
    expect(crossSiteRefusal({ ...post, origin: "http://localhost:3001" })).toMatch(/localhost:3001/);
    expect(crossSiteRefusal({ ...post, referer: "https://evil.example/page" })).toMatch(/evil\.example/);
    expect(crossSiteRefusal({ ...post, origin: "null" })).toMatch(/opaque origin/);
  });

  it("lets the app's own pages and clients that send no browser headers through", () => {
    expect(crossSiteRefusal({ ...post, origin: "http://localhost:3000", secFetchSite: "same-origin" })).toBeNull();
    expect(crossSiteRefusal({ ...post, referer: "http://LOCALHOST:3000/runs/1" })).toBeNull();
    expect(crossSiteRefusal(post)).toBeNull();
  });
});

describe("localHostRefusal", () => {
  it("answers only names of this machine", () => {
    for (const host of ["localhost:3000", "127.0.0.1:3000", "[::1]:3000", "localhost"]) expect(localHostRefusal(host)).toBeNull();
    expect(localHostRefusal("rebind.evil.example:3000")).toMatch(/rebind\.evil\.example/);
    expect(localHostRefusal("10.0.0.4:3000")).toMatch(/10\.0\.0\.4/);
    expect(localHostRefusal(undefined)).toMatch(/Host/);
  });
});
