import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultCertificationConfigPath, loadCertificationConfig } from "./certification/certification-config-file";
import { projectRoot } from "./project-root";

describe("files that ship with the project", () => {
  it("are found from the folder holding dqmflow's package.json", () => {
    const root = projectRoot();
    expect((JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { name?: string }).name).toBe("dqmflow");
  });

  it("include the default certification configuration, which loads", async () => {
    expect(defaultCertificationConfigPath()).toBe(path.join(projectRoot(), "config", "certification.json"));
    expect(existsSync(defaultCertificationConfigPath())).toBe(true);
    expect((await loadCertificationConfig()).components.length).toBeGreaterThan(0);
  });
});
