import { describe, expect, it } from "vitest";
import { faultProfile, NotOurServicesError } from "./fault-services";

describe("faultProfile", () => {
  it("refuses services it cannot tie to one profile of this checkout, saying why", () => {
    expect(() => faultProfile({})).toThrow(/DATABASE_URL and TEMPORAL_ADDRESS are not both set/);
    expect(() => faultProfile({ DATABASE_URL: "postgres://postgres@db.example:55433/dqmflow", TEMPORAL_ADDRESS: "127.0.0.1:7243" })).toThrow(/must be on this machine/);
    expect(() => faultProfile({ DATABASE_URL: "postgres://postgres@127.0.0.1:5432/dqmflow", TEMPORAL_ADDRESS: "127.0.0.1:7243" })).toThrow(/port 5432 is no profile's \(dev 55432, test 55433, alt1 55441/);
    expect(() => faultProfile({ DATABASE_URL: "postgres://postgres@127.0.0.1:55433/dqmflow", TEMPORAL_ADDRESS: "127.0.0.1:7233" })).toThrow(/profile test's but TEMPORAL_ADDRESS's port 7233 is not \(7243\)/);
    expect(() => faultProfile({ DATABASE_URL: "not a url", TEMPORAL_ADDRESS: "127.0.0.1:7243" })).toThrow(NotOurServicesError);
  });
});
