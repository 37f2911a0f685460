/**
 * What a run's certification needs to know, validated once and carried in the workflow's input
 * (so a running workflow keeps the configuration it started with, and tests pass short
 * deadlines). `defaultCertificationConfig` is production's.
 */
import { z } from "zod";
import { testConfigSchema } from "../compare";
import { flagStatuses } from "./flags";

const component = z.string().regex(/^[a-z0-9]+-[a-z0-9]+$/, "components are named workspace-column, e.g. tracker-pixel");
const ms = z.number().int().min(1);

export const autoFlagRuleSchema = z.object({
  name: z.string().min(1),
  component,
  /** Globs on ME paths whose comparison results decide this component's flag. */
  match: z.array(z.string().min(1)).min(1),
  /** Flag written when any matching result is ERROR, or when all are OK/WARNING. */
  onError: z.enum(flagStatuses).default("BAD"),
  onPass: z.enum(flagStatuses).default("GOOD"),
});
export type AutoFlagRule = z.infer<typeof autoFlagRuleSchema>;

export const certificationConfigSchema = z.object({
  /** Certifiable components: sign-off needs a status on every lumisection of each. */
  components: z.array(component).min(1),
  /** Monitor elements compared at every stage. */
  monitorElements: z.array(z.string().min(1)),
  comparisons: testConfigSchema,
  autoFlagRules: z.array(autoFlagRuleSchema),
  /** Default reference run per run class; experts override it in `cert_reference`. */
  references: z.record(z.string(), z.number().int().positive()),
  deadlines: z.object({ reminderMs: ms, escalationMs: ms }),
  calibration: z.object({ workflows: z.array(z.string().min(1)), timeoutMs: ms }),
  /** How often to look for a stage's data when ingest's signal has not come. */
  dataPollMs: ms,
  /** Where "ready for prompt reco" is POSTed (Tier-0); null records the notification as skipped. */
  promptRecoEndpoint: z.string().url().nullable(),
  activity: z.object({ startToCloseMs: ms, initialRetryMs: ms, maximumAttempts: z.number().int().min(1) }),
  /** Sign every stage off as the `auto-signoff` robot (benchmarks, replays of whole campaigns). */
  autoSignoff: z.boolean().default(false),
  /** After the prompt stage, complete once no reprocessing was asked for this long; null waits forever. */
  reprocessingIdleMs: ms.nullable(),
});
export type CertificationConfig = z.infer<typeof certificationConfigSchema>;

const hour = 3_600_000;

export const defaultCertificationConfig: CertificationConfig = certificationConfigSchema.parse({
  components: ["tracker-pixel", "tracker-strip", "dt-dt", "csc-csc", "ecal-ecal", "hcal-hcal", "l1t-l1tmu"],
  monitorElements: [],
  comparisons: { version: 1, tests: [] },
  autoFlagRules: [],
  references: {},
  deadlines: { reminderMs: 24 * hour, escalationMs: 72 * hour },
  calibration: { workflows: ["SiStripGains", "BeamSpot", "SiPixelAli", "EcalPedestals"], timeoutMs: 48 * hour },
  dataPollMs: 15 * 60_000,
  promptRecoEndpoint: null,
  activity: { startToCloseMs: 60_000, initialRetryMs: 1_000, maximumAttempts: 10 },
  autoSignoff: false,
  reprocessingIdleMs: null,
});
