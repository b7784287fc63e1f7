/**
 * The HoloLens 2 deny policy holofleet generates: deny rules by package family name and by file
 * name (the new Edge's `msedge.exe`), inside an allow-all base so that everything not denied keeps
 * running (LOB apps, Remote Assist). Shapes follow Microsoft's HoloLens procedure
 * (`custom-profile-hololens.md`, `windows-defender-application-control-wdac.md`; hololens-facts §9).
 */
import type { Diagnostic } from "../../diag/diagnostic.ts";
import { UserError } from "../../diag/diagnostic.ts";
import { isBracedGuid } from "./guid.ts";
import { emptySignerGroup, emptySiPolicyModel, type SiPolicyFileRule, type SiPolicyModel } from "./model.ts";
import { isFourPartVersion, MAX_VERSION } from "./version.ts";
import { siPolicyModelToXml } from "./xml-write.ts";

export interface HoloLensDenyPolicyInput {
  /** Policy GUID, with or without braces; it is also the OMA-URI segment `…/Policies/<GUID>/Policy`. */
  policyId: string;
  /** Shown as the policy's name (`PolicyInfo/Information/Name`). */
  name: string;
  /** Four-part policy version (`VersionEx`), e.g. `10.0.0.0`; raise it for every change. */
  version: string;
  /** Package family names to deny (all versions), e.g. `Microsoft.WindowsStore_8wekyb3d8bbwe`. */
  packageFamilyNames: readonly string[];
  /** File names to deny (all versions), e.g. `msedge.exe` for the new Edge. */
  fileNames: readonly string[];
}

/** Every template and vector uses this PlatformID (format.md §2). */
export const SIPOLICY_PLATFORM_ID = "{2E07F7E4-194C-4D20-B7C9-6F44A6C5A234}";

/** The new (Chromium) Edge is denied by this file name (`windows-defender-application-control-wdac.md`). */
export const NEW_EDGE_FILE_NAME = "msedge.exe";

/**
 * Options of the deployed policy. The procedure merges the deny rules with a default policy, then
 * runs `Set-RuleOption -o 3 -Delete` (no Audit Mode: the rules must block) and `Set-RuleOption -o 15`
 * (Invalidate EAs on Reboot) (`custom-profile-hololens.md` steps 8–9). UMCI makes the user-mode
 * rules enforced (`New-CIPolicy … -UserPEs`, step 5); the policy is deployed unsigned through the
 * ApplicationControl CSP, so it says so (format.md §3).
 */
export const HOLOLENS_DENY_POLICY_OPTIONS: readonly string[] = [
  "Enabled:UMCI",
  "Enabled:Unsigned System Integrity Policy",
  "Enabled:Invalidate EAs on Reboot",
];

/** Kernel-mode (drivers) and user-mode signing scenarios (format.md §2 item 5). */
export const KERNEL_SCENARIO_VALUE = 131;
export const USER_SCENARIO_VALUE = 12;

/** `<name>_<publisher id>`: every package family name in the HoloLens table has a 13-character publisher id. */
const PACKAGE_FAMILY_NAME = /^[A-Za-z0-9.-]+_[a-z0-9]{13}$/;
const FILE_NAME = /^[^\\/:*?"<>|\u0000-\u001f]+$/;

function problem(message: string, path: (string | number)[]): Diagnostic {
  return { severity: "error", code: "HF4301", message, path };
}

/** Drops case-insensitive duplicates (Calendar and Mail share one package family name), keeping the first spelling. */
function unique(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v.toUpperCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The policy as a model. Throws `UserError` (code HF4301) for an invalid GUID, version, PFN or file name. */
export function buildHoloLensDenyPolicyModel(input: HoloLensDenyPolicyInput): SiPolicyModel {
  const diagnostics: Diagnostic[] = [];
  const guid = input.policyId.trim().replace(/^\{?(.*?)\}?$/, "{$1}").toUpperCase();
  if (!isBracedGuid(guid)) diagnostics.push(problem(`policyId "${input.policyId}" is not a GUID`, ["policyId"]));
  if (!isFourPartVersion(input.version)) diagnostics.push(problem(`version "${input.version}" is not a four-part version a.b.c.d (0–65535 each)`, ["version"]));
  if (input.name.trim() === "") diagnostics.push(problem("name is empty", ["name"]));
  input.packageFamilyNames.forEach((pfn, i) => {
    if (!PACKAGE_FAMILY_NAME.test(pfn)) diagnostics.push(problem(`"${pfn}" is not a package family name (<name>_<13-character publisher id>)`, ["packageFamilyNames", i]));
  });
  input.fileNames.forEach((f, i) => {
    if (!FILE_NAME.test(f) || f.trim() !== f) diagnostics.push(problem(`"${f}" is not a bare file name`, ["fileNames", i]));
  });
  if (diagnostics.length > 0) throw new UserError("invalid input for the HoloLens deny policy", diagnostics);

  // The deny rules, exactly as New-CIPolicyRule -Package … -Deny and the Edge snippet shape them.
  const pfnRules: SiPolicyFileRule[] = unique(input.packageFamilyNames).map((pfn, i) => ({
    kind: "Deny",
    id: `ID_DENY_PFN_${i + 1}`,
    friendlyName: `${pfn} FileRule`,
    packageFamilyName: pfn,
    packageVersion: MAX_VERSION,
  }));
  const fileRules: SiPolicyFileRule[] = unique(input.fileNames).map((fileName, i) => ({
    kind: "Deny",
    id: `ID_DENY_FILE_${i + 1}`,
    friendlyName: `${fileName} FileRule`,
    fileName,
    packageVersion: MAX_VERSION,
  }));
  // Allow-all base, as Microsoft's AllowAll example policy: one `FileName="*"` allow per scenario.
  const allowKernel: SiPolicyFileRule = { kind: "Allow", id: "ID_ALLOW_A_1", friendlyName: "Allow all kernel-mode files", fileName: "*" };
  const allowUser: SiPolicyFileRule = { kind: "Allow", id: "ID_ALLOW_A_2", friendlyName: "Allow all user-mode files", fileName: "*" };

  const model = emptySiPolicyModel({ versionEx: input.version.trim(), platformId: SIPOLICY_PLATFORM_ID });
  model.policyType = "Base Policy";
  model.policyId = guid;
  model.basePolicyId = guid;
  model.options = [...HOLOLENS_DENY_POLICY_OPTIONS];
  model.fileRules = [allowKernel, allowUser, ...pfnRules, ...fileRules];
  model.signingScenarios = [
    {
      id: "ID_SIGNINGSCENARIO_DRIVERS_1",
      value: KERNEL_SCENARIO_VALUE,
      friendlyName: "Kernel-mode files",
      inheritedScenarios: [],
      productSigners: { ...emptySignerGroup(), fileRuleRefs: [allowKernel.id] },
    },
    {
      id: "ID_SIGNINGSCENARIO_WINDOWS",
      value: USER_SCENARIO_VALUE,
      friendlyName: "User-mode files and apps",
      inheritedScenarios: [],
      // The deny rules belong to the user-mode (UMCI) scenario (format.md §2, "The HoloLens rules").
      productSigners: { ...emptySignerGroup(), fileRuleRefs: [allowUser.id, ...pfnRules.map((r) => r.id), ...fileRules.map((r) => r.id)] },
    },
  ];
  model.hvciOptions = 0;
  model.settings = [{ provider: "PolicyInfo", key: "Information", valueName: "Name", value: { type: "String", value: input.name } }];
  return model;
}

/**
 * The HoloLens deny policy as SiPolicy XML (validates against `cipolicy.xsd`); feed it to
 * `compileSiPolicy` for the binary the ApplicationControl CSP takes.
 * @example
 * buildHoloLensDenyPolicy({ policyId: "{…}", name: "Contoso HoloLens", version: "10.0.0.0",
 *   packageFamilyNames: ["Microsoft.WindowsStore_8wekyb3d8bbwe"], fileNames: ["msedge.exe"] });
 */
export function buildHoloLensDenyPolicy(input: HoloLensDenyPolicyInput): string {
  return siPolicyModelToXml(buildHoloLensDenyPolicyModel(input));
}
