/**
 * Golden JSON from a JSON-logic rule (the library Run Registry uses): every lumisection of every
 * selected dataset is tested against the rule over its run, dataset and lumisection attributes.
 * Besides the JSON: the anti-JSON, recorded luminosity kept and lost, and the loss due to each
 * sub-rule of a top-level "and" (all of it, and the part no other sub-rule would have removed).
 */
import jsonLogic from "json-logic-js";
import { CertificationRuleError } from "../errors";
import { type LsRange, toRanges } from "./ranges";

export type RuleLogic = jsonLogic.RulesLogic;

/** Attributes a rule can read with {"var": "..."}: run.*, dataset.*, lumisection.* */
export interface LumisectionFacts {
  readonly ls: number;
  readonly recordedLumi: number;
  readonly attributes: Record<string, unknown>;
}

export interface DatasetFacts {
  readonly runNumber: number;
  readonly dataset: string;
  readonly lumisections: readonly LumisectionFacts[];
}

export interface SubRuleLoss {
  readonly rule: string;
  /** Recorded luminosity of lumisections this sub-rule rejects. */
  readonly lumi: number;
  /** …that no other sub-rule rejects. */
  readonly exclusiveLumi: number;
}

export interface GoldenJsonResult {
  readonly golden: Record<string, LsRange[]>;
  readonly antiGolden: Record<string, LsRange[]>;
  readonly lumiKept: number;
  readonly lumiLost: number;
  readonly lossByRule: SubRuleLoss[];
}

/** Throws CertificationRuleError unless `logic` is a JSON-logic rule whose operators exist. */
export function checkRule(logic: unknown): RuleLogic {
  if (logic === null || typeof logic !== "object" || Array.isArray(logic)) throw new CertificationRuleError("a golden-JSON rule is a JSON-logic object, e.g. {\"and\": [...]}");
  try {
    jsonLogic.apply(logic, { run: {}, dataset: {}, lumisection: {} });
  } catch (err) {
    throw new CertificationRuleError(`the rule does not evaluate: ${err instanceof Error ? err.message : String(err)}`);
  }
  return logic as RuleLogic;
}

function subRules(logic: RuleLogic): RuleLogic[] {
  const and = (logic as { and?: unknown }).and;
  return Array.isArray(and) && Object.keys(logic as object).length === 1 ? (and as RuleLogic[]) : [logic];
}

function truthy(v: unknown): boolean {
  return jsonLogic.truthy(v);
}

/** Incremental: feed datasets in chunks (`add`), read the result at the end. */
export class GoldenJsonBuilder {
  private readonly golden: Record<string, LsRange[]> = {};
  private readonly anti: Record<string, LsRange[]> = {};
  private kept = 0;
  private lost = 0;
  private readonly parts: RuleLogic[];
  private readonly losses: { lumi: number; exclusiveLumi: number }[];

  constructor(private readonly logic: RuleLogic) {
    this.parts = subRules(logic);
    this.losses = this.parts.map(() => ({ lumi: 0, exclusiveLumi: 0 }));
  }

  add(d: DatasetFacts): void {
    const good: number[] = [];
    const bad: number[] = [];
    for (const l of d.lumisections) {
      const pass = truthy(jsonLogic.apply(this.logic, l.attributes));
      if (pass) {
        good.push(l.ls);
        this.kept += l.recordedLumi;
        continue;
      }
      bad.push(l.ls);
      this.lost += l.recordedLumi;
      const failing = this.parts.map((p) => !truthy(jsonLogic.apply(p, l.attributes)));
      const n = failing.filter(Boolean).length;
      failing.forEach((f, i) => {
        if (!f) return;
        this.losses[i]!.lumi += l.recordedLumi;
        if (n === 1) this.losses[i]!.exclusiveLumi += l.recordedLumi;
      });
    }
    const key = String(d.runNumber);
    if (good.length) this.golden[key] = toRanges(good);
    if (bad.length) this.anti[key] = toRanges(bad);
  }

  result(): GoldenJsonResult {
    return {
      golden: this.golden,
      antiGolden: this.anti,
      lumiKept: this.kept,
      lumiLost: this.lost,
      lossByRule: this.parts.map((p, i) => ({ rule: JSON.stringify(p), ...this.losses[i]! })),
    };
  }
}

export function computeGoldenJson(logic: RuleLogic, datasets: readonly DatasetFacts[]): GoldenJsonResult {
  const b = new GoldenJsonBuilder(logic);
  for (const d of datasets) b.add(d);
  return b.result();
}
