import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Worker } from "@temporalio/worker";
import { describe, expect, it } from "vitest";
import { workflowsPath } from "../worker";
import { historyFromCliJson } from "./testing/load-history";

const dir = path.resolve(import.meta.dirname, "histories");

// Histories recorded by testing/record-histories.ts from real runs; the current code must
// replay them without nondeterminism (changes go behind patched()).
describe("replay of committed certification histories", () => {
  const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
  it("has histories to replay", () => expect(files.length).toBeGreaterThanOrEqual(2));
  for (const file of files) {
    it(`replays ${file}`, async () => {
      const history = historyFromCliJson(JSON.parse(readFileSync(path.join(dir, file), "utf8")));
      await expect(Worker.runReplayHistory({ workflowsPath }, history, file)).resolves.toBeUndefined();
    });
  }
});
