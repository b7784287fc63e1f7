/**
 * The SiPolicy model: plain data for everything a WDAC (App Control for Business) policy carries, in
 * the shape of the SiPolicy XML (`urn:schemas-microsoft-com:sipolicy`). The XML reader, the binary
 * encoder and decoder, and the XML writer all speak this model. Cross-references use the XML IDs.
 */

export type SiPolicyType = "Base Policy" | "Supplemental Policy";

export type FileRuleKind = "Deny" | "Allow" | "FileAttrib";

/** A `<Deny>`, `<Allow>` or `<FileAttrib>` rule. Absent attributes are `undefined`. */
export interface SiPolicyFileRule {
  kind: FileRuleKind;
  /** `ID_DENY_…`, `ID_ALLOW_…` or `ID_FILEATTRIB_…`; not stored in the binary. */
  id: string;
  /** Not stored in the binary. */
  friendlyName?: string;
  fileName?: string;
  internalName?: string;
  fileDescription?: string;
  productName?: string;
  packageFamilyName?: string;
  /** Four-part version `a.b.c.d`. */
  packageVersion?: string;
  minimumFileVersion?: string;
  maximumFileVersion?: string;
  /** Upper-case hex. */
  hash?: string;
  /** A literal app id, or macro references only: `$(a)$(b)`. */
  appIds?: string;
  filePath?: string;
}

export interface SiPolicyEku {
  /** `ID_EKU_…`. */
  id: string;
  /** Upper-case hex of the encoded EKU OID. */
  value: string;
  friendlyName?: string;
}

export interface SiPolicySigner {
  /** `ID_SIGNER_…`. */
  id: string;
  /** Not stored in the binary. */
  name: string;
  /** `TBS`: hash of the certificate's to-be-signed part (hex); `Wellknown`: a root id (hex byte). */
  certRoot: { type: "TBS" | "Wellknown"; value: string };
  /** EKU ids. */
  certEkus: string[];
  certIssuer?: string;
  certPublisher?: string;
  certOemId?: string;
  /** `ID_FILEATTRIB_…` rule ids. */
  fileAttribRefs: string[];
  /** xs:dateTime; stored as a UTC FILETIME. */
  signTimeAfter?: string;
}

/** An allowed (or denied) signer with its exception rules (`ExceptDenyRule` / `ExceptAllowRule`). */
export interface SiPolicySignerRef {
  signerId: string;
  exceptRuleIds: string[];
}

export interface SiPolicySignerGroup {
  allowedSigners: SiPolicySignerRef[];
  deniedSigners: SiPolicySignerRef[];
  /** File rule ids (`FileRulesRef/FileRuleRef@RuleID`). */
  fileRuleRefs: string[];
}

export interface SiPolicySigningScenario {
  /** `ID_SIGNINGSCENARIO_…`. */
  id: string;
  /** 131 = kernel mode (drivers), 12 = user mode (UMCI). */
  value: number;
  friendlyName?: string;
  /** Scenario ids. */
  inheritedScenarios: string[];
  /** Absent means the default (0x800C, SHA-256). */
  minimumHashAlgorithm?: number;
  productSigners: SiPolicySignerGroup;
  testSigners?: SiPolicySignerGroup;
  testSigningSigners?: SiPolicySignerGroup;
}

export type SiPolicySettingValue =
  | { type: "Boolean"; value: boolean }
  | { type: "DWord"; value: number }
  /** Upper-case hex. */
  | { type: "Binary"; value: string }
  | { type: "String"; value: string };

export interface SiPolicySetting {
  provider: string;
  key: string;
  valueName: string;
  value: SiPolicySettingValue;
}

export interface SiPolicyMacro {
  id: string;
  value: string;
}

export interface SiPolicyModel {
  /** Absent in legacy XML; the binary stores only whether the policy is supplemental. */
  policyType?: SiPolicyType;
  /** `SiPolicy@FriendlyName`; not stored in the binary. */
  friendlyName?: string;
  /** Four-part version. */
  versionEx: string;
  /** GUID in braces, upper case. */
  platformId: string;
  /** GUID in braces. The OMA-URI segment of the ApplicationControl CSP. */
  policyId?: string;
  basePolicyId?: string;
  /** Pre-1903 form of the policy GUID. */
  policyTypeId?: string;
  /** `Rules/Rule/Option` values, in document order. */
  options: string[];
  /**
   * Option bits found in a binary that no known option name maps to. Kept so that a decoded policy
   * re-encodes to the same bytes; never set from XML.
   */
  unknownOptionBits?: number;
  ekus: SiPolicyEku[];
  /** In document order; the encoder sorts them the way Microsoft's compiler does. */
  fileRules: SiPolicyFileRule[];
  signers: SiPolicySigner[];
  signingScenarios: SiPolicySigningScenario[];
  /** Signer ids. */
  updatePolicySigners: string[];
  ciSigners: string[];
  supplementalPolicySigners: string[];
  hvciOptions?: number;
  settings: SiPolicySetting[];
  macros: SiPolicyMacro[];
  /**
   * Set by the decoder only when a binary's file rules or settings are not in the order Microsoft's
   * compiler writes (a binary from another tool): the encoder then keeps the model's order as is.
   */
  keepBinaryOrder?: boolean;
}

/** A policy with nothing in it; callers fill in what they need. */
export function emptySiPolicyModel(init: Pick<SiPolicyModel, "versionEx" | "platformId">): SiPolicyModel {
  return {
    ...init,
    options: [],
    ekus: [],
    fileRules: [],
    signers: [],
    signingScenarios: [],
    updatePolicySigners: [],
    ciSigners: [],
    supplementalPolicySigners: [],
    settings: [],
    macros: [],
  };
}

/** A signer group with nothing in it. */
export function emptySignerGroup(): SiPolicySignerGroup {
  return { allowedSigners: [], deniedSigners: [], fileRuleRefs: [] };
}
