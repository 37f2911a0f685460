import { defineConfig } from "vitest/config";

// Unit tests: pure logic, no services. Integration tests (*.int.test.ts): the real TimescaleDB
// and Temporal started by scripts/services.sh, with their addresses in the environment.
export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["{server,db,charts,workflows,app,scripts}/**/*.test.ts"], exclude: ["**/*.int.test.ts", "node_modules/**"] } },
      {
        test: {
          name: "integration",
          include: ["{server,db,workflows,app,scripts}/**/*.int.test.ts"],
          globalSetup: ["server/testing/integration-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: "forks",
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
