/**
 * The certification configuration of the product: `config/certification.json` (or the file named
 * by CERTIFICATION_CONFIG), validated against certificationConfigSchema. A run's workflow is
 * started with the configuration read at that moment and keeps it (a later change never
 * silently re-judges a running run).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { projectRoot } from "../project-root";
import { type CertificationConfig, certificationConfigSchema, defaultCertificationConfig } from "./certification-config";

/** config/certification.json of this project, from source or from the Remix bundle alike. */
export const defaultCertificationConfigPath = (): string => path.join(projectRoot(), "config", "certification.json");

export class CertificationConfigError extends Error {
  override readonly name = "CertificationConfigError";
}

/** Reads and validates a configuration file; fields it leaves out take production's defaults. */
export async function loadCertificationConfig(file = defaultCertificationConfigPath()): Promise<CertificationConfig> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new CertificationConfigError(`${file}: cannot read the certification configuration (${err instanceof Error ? err.message : String(err)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CertificationConfigError(`${file}: not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new CertificationConfigError(`${file}: expected a JSON object`);
  const parsed = certificationConfigSchema.safeParse({ ...defaultCertificationConfig, ...json });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CertificationConfigError(`${file}: ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}
