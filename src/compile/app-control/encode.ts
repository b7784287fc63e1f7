/**
 * SiPolicy model → format-7 binary, byte for byte what Microsoft's `ConvertFrom-CIPolicy` writes.
 * Layout, defaults and ordering follow `wdac/format.md` §2–§3; every branch below is exercised by
 * the public vectors except those marked "not covered by a vector" there (PFN strings, AppIDs,
 * SignTimeAfter, DWord/Binary settings, HVCI options, well-known roots).
 */
import type { Diagnostic } from "../../diag/diagnostic.ts";
import { SiPolicyBinaryWriter } from "./binary-writer.ts";
import { SiPolicyModelError } from "./errors.ts";
import { FILE_RULE_TYPE, sortFileRulesLikeMicrosoft } from "./file-rule-order.ts";
import { dateTimeToFiletime } from "./filetime.ts";
import { guidToBytes } from "./guid.ts";
import type { SiPolicyFileRule, SiPolicyModel, SiPolicySetting, SiPolicySignerGroup } from "./model.ts";
import { compareOrdinalIgnoreCase } from "./ordinal-ignore-case.ts";
import { ruleOptionsToFlags } from "./rule-options.ts";
import { MAX_VERSION_PACKED, packVersion } from "./version.ts";

/** The only format version Microsoft's compiler has been seen to write; its end tag is 8 (format.md §1). */
export const SIPOLICY_FORMAT_VERSION = 7;
const HEADER_SIZE = 0x40;
const DEFAULT_MIN_HASH_ALGORITHM = 0x800c;
const ZERO_GUID = new Uint8Array(16);
const MACRO_REF = /\$\(([^()]*)\)/g;

/** Secure settings are sorted by Provider, Key, ValueName, ordinal-ignore-case (format.md §2 item 7). */
export function compareSettings(a: SiPolicySetting, b: SiPolicySetting): number {
  return (
    compareOrdinalIgnoreCase(a.provider, b.provider) ||
    compareOrdinalIgnoreCase(a.key, b.key) ||
    compareOrdinalIgnoreCase(a.valueName, b.valueName)
  );
}

function hexBytes(hex: string, what: string): Uint8Array {
  const clean = hex.trim();
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(clean)) throw new SiPolicyModelError(`${what} is not hex: "${hex}"`);
  return new Uint8Array(Buffer.from(clean, "hex"));
}

function version(text: string | undefined, what: string): bigint {
  if (text === undefined) return 0n;
  try {
    return packVersion(text);
  } catch {
    throw new SiPolicyModelError(`${what} is not a four-part version: "${text}"`);
  }
}

function guid(text: string | undefined, what: string): Uint8Array {
  if (text === undefined) return ZERO_GUID;
  try {
    return guidToBytes(text);
  } catch {
    throw new SiPolicyModelError(`${what} is not a GUID: "${text}"`);
  }
}

/** Builds `id → index` and reports duplicates, which would make references ambiguous. */
function indexById(items: readonly { id: string }[], what: string): Map<string, number> {
  const map = new Map<string, number>();
  items.forEach((item, i) => {
    if (map.has(item.id)) throw new SiPolicyModelError(`duplicate ${what} ID ${item.id}`);
    map.set(item.id, i);
  });
  return map;
}

function resolver(map: Map<string, number>, what: string): (id: string, where: string) => number {
  return (id, where) => {
    const i = map.get(id);
    if (i === undefined) {
      const d: Diagnostic = { severity: "error", code: "HF4102", message: `${where} refers to ${what} ${id}, which the policy does not define` };
      throw new SiPolicyModelError(d.message, [d]);
    }
    return i;
  };
}

/** The strings an AppIDs attribute stands for: one literal, or the values of its macro references. */
export function expandAppIds(appIds: string, macros: ReadonlyMap<string, string>, where: string): string[] {
  const text = appIds.trim();
  if (!text.startsWith("$")) return [appIds];
  const values: string[] = [];
  let consumed = 0;
  for (const m of text.matchAll(MACRO_REF)) {
    if (m.index !== consumed) break;
    const value = macros.get(m[1]!);
    if (value === undefined) throw new SiPolicyModelError(`${where} uses macro $(${m[1]}), which the policy does not define`);
    values.push(value);
    consumed += m[0].length;
  }
  if (consumed !== text.length) throw new SiPolicyModelError(`${where} mixes macro references and text: "${appIds}"`);
  return values;
}

/** Encodes a policy model. Throws `SiPolicyModelError` for dangling references or malformed values. */
export function encodeSiPolicy(model: SiPolicyModel): Uint8Array {
  const rules: SiPolicyFileRule[] = model.keepBinaryOrder ? [...model.fileRules] : sortFileRulesLikeMicrosoft(model.fileRules);
  const ruleIndex = resolver(indexById(rules, "file rule"), "file rule");
  const ekuIndex = resolver(indexById(model.ekus, "EKU"), "EKU");
  const signerIndex = resolver(indexById(model.signers, "signer"), "signer");
  const scenarioIndex = resolver(indexById(model.signingScenarios, "signing scenario"), "signing scenario");
  const macros = new Map(model.macros.map((m) => [m.id, m.value]));

  // Legacy XML names the policy only by PolicyTypeID; it then serves as policy and base id (format.md §2 item 11).
  const legacy = model.policyTypeId !== undefined && model.policyId === undefined;
  const policyGuid = legacy ? model.policyTypeId : model.policyId;
  const baseGuid = legacy ? model.policyTypeId : model.basePolicyId;
  const headerGuid = baseGuid ?? model.policyTypeId;

  const w = new SiPolicyBinaryWriter();
  w.u32(SIPOLICY_FORMAT_VERSION);
  w.bytes(guid(headerGuid, "BasePolicyID"));
  w.bytes(guid(model.platformId, "PlatformID"));
  w.u32(ruleOptionsToFlags(model.options, model.policyType === "Supplemental Policy", model.unknownOptionBits));
  w.u32(model.ekus.length);
  w.u32(rules.length);
  w.u32(model.signers.length);
  w.u32(model.signingScenarios.length);
  w.u64(version(model.versionEx, "VersionEx"));
  w.u32(HEADER_SIZE);

  for (const eku of model.ekus) w.blob(hexBytes(eku.value, `EKU ${eku.id} Value`));

  for (const rule of rules) {
    w.u32(FILE_RULE_TYPE[rule.kind]);
    w.string(rule.fileName);
    const noVersions = rule.minimumFileVersion === undefined && rule.maximumFileVersion === undefined;
    // A Deny rule with no version bounds denies every version: its minimum is written as all ones.
    w.u64(rule.kind === "Deny" && noVersions ? MAX_VERSION_PACKED : version(rule.minimumFileVersion, `${rule.id} MinimumFileVersion`));
    w.blob(rule.hash === undefined ? new Uint8Array() : hexBytes(rule.hash, `${rule.id} Hash`));
  }

  for (const signer of model.signers) {
    if (signer.certRoot.type === "TBS") {
      w.u32(0);
      w.blob(hexBytes(signer.certRoot.value, `${signer.id} CertRoot`));
    } else {
      w.u32(1);
      const bytes = hexBytes(signer.certRoot.value, `${signer.id} CertRoot`);
      if (bytes.length === 0 || bytes.length > 4) throw new SiPolicyModelError(`${signer.id} well-known CertRoot must be 1 to 4 bytes`);
      w.u32(bytes.reduce((acc, b) => acc * 256 + b, 0));
    }
    w.u32(signer.certEkus.length);
    for (const id of signer.certEkus) w.u32(ekuIndex(id, `signer ${signer.id} CertEKU`));
    w.string(signer.certIssuer);
    w.string(signer.certPublisher);
    w.string(signer.certOemId);
    w.u32(signer.fileAttribRefs.length);
    for (const id of signer.fileAttribRefs) w.u32(ruleIndex(id, `signer ${signer.id} FileAttribRef`));
  }

  for (const list of [model.updatePolicySigners, model.ciSigners]) {
    w.u32(list.length);
    for (const id of list) w.u32(signerIndex(id, "signer list"));
  }

  const writeGroup = (group: SiPolicySignerGroup | undefined, where: string): void => {
    const g = group ?? { allowedSigners: [], deniedSigners: [], fileRuleRefs: [] };
    for (const signers of [g.allowedSigners, g.deniedSigners]) {
      w.u32(signers.length);
      for (const ref of signers) {
        w.u32(signerIndex(ref.signerId, where));
        w.u32(ref.exceptRuleIds.length);
        for (const id of ref.exceptRuleIds) w.u32(ruleIndex(id, `${where} exception`));
      }
    }
    // FileRulesRef indexes are written in ascending order (format.md §2 item 5).
    const refs = g.fileRuleRefs.map((id) => ruleIndex(id, `${where} FileRuleRef`)).sort((a, b) => a - b);
    w.u32(refs.length);
    for (const i of refs) w.u32(i);
  };

  for (const scenario of model.signingScenarios) {
    w.u32(scenario.value);
    w.u32(scenario.inheritedScenarios.length);
    for (const id of scenario.inheritedScenarios) w.u32(scenarioIndex(id, `scenario ${scenario.id} InheritedScenarios`));
    w.u32(scenario.minimumHashAlgorithm ?? DEFAULT_MIN_HASH_ALGORITHM);
    writeGroup(scenario.productSigners, `scenario ${scenario.id} ProductSigners`);
    writeGroup(scenario.testSigners, `scenario ${scenario.id} TestSigners`);
    writeGroup(scenario.testSigningSigners, `scenario ${scenario.id} TestSigningSigners`);
  }

  w.u32(model.hvciOptions ?? 0);

  const settings = model.keepBinaryOrder ? model.settings : [...model.settings].sort(compareSettings);
  w.u32(settings.length);
  for (const s of settings) {
    w.string(s.provider);
    w.string(s.key);
    w.string(s.valueName);
    switch (s.value.type) {
      case "Boolean":
        w.u32(0);
        w.u32(s.value.value ? 1 : 0);
        break;
      case "DWord":
        w.u32(1);
        w.u32(s.value.value);
        break;
      case "Binary":
        w.u32(2);
        w.blob(hexBytes(s.value.value, `setting ${s.provider}/${s.key}/${s.valueName}`));
        break;
      case "String":
        w.u32(3);
        w.string(s.value.value);
        break;
    }
  }

  w.u32(3);
  for (const rule of rules) {
    w.u64(version(rule.maximumFileVersion, `${rule.id} MaximumFileVersion`));
    if (rule.appIds === undefined) {
      w.u32(0);
    } else {
      const values = expandAppIds(rule.appIds, macros, `${rule.id} AppIDs`);
      w.u32(values.length);
      for (const v of values) w.string(v);
    }
  }
  for (const signer of model.signers) {
    let ticks = 0n;
    if (signer.signTimeAfter !== undefined) {
      const t = dateTimeToFiletime(signer.signTimeAfter);
      if (t === undefined) throw new SiPolicyModelError(`${signer.id} SignTimeAfter is not an xs:dateTime: "${signer.signTimeAfter}"`);
      ticks = t;
    }
    w.u64(ticks);
  }

  w.u32(4);
  for (const rule of rules) {
    w.string(rule.internalName);
    w.string(rule.fileDescription);
    w.string(rule.productName);
  }

  w.u32(5);
  for (const rule of rules) {
    w.string(rule.packageFamilyName);
    w.u64(version(rule.packageVersion, `${rule.id} PackageVersion`));
  }

  w.u32(6);
  w.bytes(guid(policyGuid, "PolicyID"));
  w.bytes(guid(baseGuid, "BasePolicyID"));
  w.u32(model.supplementalPolicySigners.length);
  for (const id of model.supplementalPolicySigners) w.u32(signerIndex(id, "SupplementalPolicySigners"));

  w.u32(7);
  for (const rule of rules) w.string(rule.filePath);

  w.u32(SIPOLICY_FORMAT_VERSION + 1);
  return w.toBytes();
}
