/**
 * What a policy denies by app identity — package family names and file names — for the audit's
 * effective posture, whoever wrote the policy. A Deny rule only takes effect when a signing scenario
 * references it; the user-mode scenario (12) is the one that governs apps. In audit mode nothing is
 * blocked, only logged.
 */
import type { SiPolicyModel } from "./model.ts";
import { MAX_VERSION } from "./version.ts";

/** User-mode code integrity (UMCI) scenario: apps and user-mode binaries (format.md §2 item 5). */
const USER_MODE_SCENARIO = 12;

export interface DeniedAppRule {
  ruleId: string;
  packageFamilyName?: string;
  fileName?: string;
  packageVersion?: string;
  minimumFileVersion?: string;
  maximumFileVersion?: string;
  /**
   * True when the rule matches every version: a package rule with PackageVersion 65535.65535.65535.65535
   * ("deny this version and below", `custom-profile-hololens.md` step 5), a file-name rule without bounds.
   */
  allVersions: boolean;
  /** Values of the signing scenarios that reference the rule (12 = user mode, 131 = kernel mode). */
  scenarios: number[];
}

export interface DeniedApps {
  /** False when the policy is in audit mode: the rules only log. */
  enforced: boolean;
  /** Distinct package family names denied in user mode (first spelling kept, compared case-insensitively). */
  packageFamilyNames: string[];
  /** Distinct file names denied in user mode. */
  fileNames: string[];
  /** Every referenced Deny rule that names a package or a file, in any scenario. */
  rules: DeniedAppRule[];
}

function distinct(values: (string | undefined)[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    if (v === undefined || v.trim() === "" || seen.has(v.toUpperCase())) continue;
    seen.add(v.toUpperCase());
    out.push(v);
  }
  return out;
}

export function deniedApps(model: SiPolicyModel): DeniedApps {
  const scenariosByRule = new Map<string, number[]>();
  for (const scenario of model.signingScenarios) {
    const groups = [scenario.productSigners, scenario.testSigners, scenario.testSigningSigners];
    for (const group of groups) {
      for (const id of group?.fileRuleRefs ?? []) {
        const list = scenariosByRule.get(id) ?? [];
        if (!list.includes(scenario.value)) list.push(scenario.value);
        scenariosByRule.set(id, list);
      }
    }
  }
  const rules: DeniedAppRule[] = [];
  for (const rule of model.fileRules) {
    const scenarios = scenariosByRule.get(rule.id);
    if (rule.kind !== "Deny" || !scenarios) continue;
    const named = (rule.packageFamilyName ?? "").trim() !== "" || (rule.fileName ?? "").trim() !== "";
    if (!named) continue;
    const noFileBounds = rule.minimumFileVersion === undefined && rule.maximumFileVersion === undefined;
    const allVersions = rule.packageFamilyName?.trim() ? rule.packageVersion === MAX_VERSION && noFileBounds : noFileBounds;
    const entry: DeniedAppRule = { ruleId: rule.id, allVersions, scenarios };
    for (const key of ["packageFamilyName", "fileName", "packageVersion", "minimumFileVersion", "maximumFileVersion"] as const) {
      if (rule[key] !== undefined) entry[key] = rule[key];
    }
    rules.push(entry);
  }
  const userMode = rules.filter((r) => r.scenarios.includes(USER_MODE_SCENARIO));
  return {
    enforced: !model.options.includes("Enabled:Audit Mode"),
    packageFamilyNames: distinct(userMode.map((r) => r.packageFamilyName)),
    fileNames: distinct(userMode.map((r) => r.fileName)),
    rules,
  };
}
