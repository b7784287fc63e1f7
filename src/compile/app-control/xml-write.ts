/**
 * Model → SiPolicy XML in the layout Microsoft's cmdlets write (two-space indent, UTF-8
 * declaration). The output validates against `cipolicy.xsd`: optional lists whose schema needs at
 * least one item (AllowedSigners, FileRulesRef, Macros) are left out when empty.
 */
import { SiPolicyModelError } from "./errors.ts";
import type { SiPolicyFileRule, SiPolicyModel, SiPolicySignerGroup, SiPolicySigningScenario } from "./model.ts";

/** Characters XML 1.0 cannot carry at all, not even as character references. */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkChars(text: string): string {
  if (NOT_XML_CHAR.test(text)) {
    throw new SiPolicyModelError(`the policy holds a string XML cannot represent (control character or lone surrogate): ${JSON.stringify(text)}`);
  }
  return text;
}

function escapeText(text: string): string {
  // A carriage return is escaped because parsers turn a literal one into a line feed.
  return checkChars(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
}

function escapeAttr(text: string): string {
  // Tabs and line breaks are escaped so that attribute-value normalisation keeps them.
  return escapeText(text).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;");
}

type Attrs = [string, string | number | undefined][];

function attrs(list: Attrs): string {
  return list
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
    .join("");
}

const FILE_RULE_ATTRS: [string, keyof SiPolicyFileRule][] = [
  ["FriendlyName", "friendlyName"],
  ["FileName", "fileName"],
  ["InternalName", "internalName"],
  ["FileDescription", "fileDescription"],
  ["ProductName", "productName"],
  ["PackageFamilyName", "packageFamilyName"],
  ["PackageVersion", "packageVersion"],
  ["MinimumFileVersion", "minimumFileVersion"],
  ["MaximumFileVersion", "maximumFileVersion"],
  ["Hash", "hash"],
  ["AppIDs", "appIds"],
  ["FilePath", "filePath"],
];

export function siPolicyModelToXml(model: SiPolicyModel): string {
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>'];
  const line = (depth: number, text: string): void => {
    out.push("  ".repeat(depth) + text);
  };
  const list = (depth: number, name: string, items: readonly string[], itemName: string, attrName: string): void => {
    if (items.length === 0) {
      line(depth, `<${name} />`);
      return;
    }
    line(depth, `<${name}>`);
    for (const id of items) line(depth + 1, `<${itemName}${attrs([[attrName, id]])} />`);
    line(depth, `</${name}>`);
  };

  line(0, `<SiPolicy xmlns="urn:schemas-microsoft-com:sipolicy"${attrs([["FriendlyName", model.friendlyName], ["PolicyType", model.policyType]])}>`);
  line(1, `<VersionEx>${escapeText(model.versionEx)}</VersionEx>`);
  if (model.policyTypeId !== undefined) line(1, `<PolicyTypeID>${escapeText(model.policyTypeId)}</PolicyTypeID>`);
  if (model.policyId !== undefined) line(1, `<PolicyID>${escapeText(model.policyId)}</PolicyID>`);
  if (model.basePolicyId !== undefined) line(1, `<BasePolicyID>${escapeText(model.basePolicyId)}</BasePolicyID>`);
  line(1, `<PlatformID>${escapeText(model.platformId)}</PlatformID>`);

  if (model.options.length === 0) line(1, "<Rules />");
  else {
    line(1, "<Rules>");
    for (const option of model.options) {
      line(2, "<Rule>");
      line(3, `<Option>${escapeText(option)}</Option>`);
      line(2, "</Rule>");
    }
    line(1, "</Rules>");
  }
  if (model.unknownOptionBits) {
    out.push(`  <!-- The binary also set option bits no known option names: 0x${model.unknownOptionBits.toString(16).toUpperCase()} -->`);
  }

  if (model.ekus.length === 0) line(1, "<EKUs />");
  else {
    line(1, "<EKUs>");
    for (const eku of model.ekus) line(2, `<EKU${attrs([["ID", eku.id], ["FriendlyName", eku.friendlyName], ["Value", eku.value]])} />`);
    line(1, "</EKUs>");
  }

  if (model.fileRules.length === 0) line(1, "<FileRules />");
  else {
    line(1, "<FileRules>");
    for (const rule of model.fileRules) {
      line(2, `<${rule.kind}${attrs([["ID", rule.id], ...FILE_RULE_ATTRS.map(([name, key]): [string, string | undefined] => [name, rule[key] as string | undefined])])} />`);
    }
    line(1, "</FileRules>");
  }

  if (model.signers.length === 0) line(1, "<Signers />");
  else {
    line(1, "<Signers>");
    for (const s of model.signers) {
      line(2, `<Signer${attrs([["ID", s.id], ["Name", s.name], ["SignTimeAfter", s.signTimeAfter]])}>`);
      line(3, `<CertRoot${attrs([["Type", s.certRoot.type], ["Value", s.certRoot.value]])} />`);
      for (const id of s.certEkus) line(3, `<CertEKU${attrs([["ID", id]])} />`);
      if (s.certIssuer !== undefined) line(3, `<CertIssuer${attrs([["Value", s.certIssuer]])} />`);
      if (s.certPublisher !== undefined) line(3, `<CertPublisher${attrs([["Value", s.certPublisher]])} />`);
      if (s.certOemId !== undefined) line(3, `<CertOemID${attrs([["Value", s.certOemId]])} />`);
      for (const id of s.fileAttribRefs) line(3, `<FileAttribRef${attrs([["RuleID", id]])} />`);
      line(2, "</Signer>");
    }
    line(1, "</Signers>");
  }

  const group = (depth: number, name: string, g: SiPolicySignerGroup): void => {
    if (g.allowedSigners.length + g.deniedSigners.length + g.fileRuleRefs.length === 0) {
      line(depth, `<${name} />`);
      return;
    }
    line(depth, `<${name}>`);
    const signers = (listName: string, itemName: string, exceptName: string, exceptAttr: string, refs: SiPolicySignerGroup["allowedSigners"]): void => {
      if (refs.length === 0) return;
      line(depth + 1, `<${listName}>`);
      for (const ref of refs) {
        if (ref.exceptRuleIds.length === 0) line(depth + 2, `<${itemName}${attrs([["SignerId", ref.signerId]])} />`);
        else {
          line(depth + 2, `<${itemName}${attrs([["SignerId", ref.signerId]])}>`);
          for (const id of ref.exceptRuleIds) line(depth + 3, `<${exceptName}${attrs([[exceptAttr, id]])} />`);
          line(depth + 2, `</${itemName}>`);
        }
      }
      line(depth + 1, `</${listName}>`);
    };
    signers("AllowedSigners", "AllowedSigner", "ExceptDenyRule", "DenyRuleID", g.allowedSigners);
    signers("DeniedSigners", "DeniedSigner", "ExceptAllowRule", "AllowRuleID", g.deniedSigners);
    if (g.fileRuleRefs.length > 0) {
      line(depth + 1, "<FileRulesRef>");
      for (const id of g.fileRuleRefs) line(depth + 2, `<FileRuleRef${attrs([["RuleID", id]])} />`);
      line(depth + 1, "</FileRulesRef>");
    }
    line(depth, `</${name}>`);
  };
  const scenario = (sc: SiPolicySigningScenario): void => {
    const inherited = sc.inheritedScenarios.length ? sc.inheritedScenarios.join(",") : undefined;
    line(2, `<SigningScenario${attrs([["Value", sc.value], ["ID", sc.id], ["FriendlyName", sc.friendlyName], ["InheritedScenarios", inherited], ["MinimumHashAlgorithm", sc.minimumHashAlgorithm]])}>`);
    group(3, "ProductSigners", sc.productSigners);
    if (sc.testSigners) group(3, "TestSigners", sc.testSigners);
    if (sc.testSigningSigners) group(3, "TestSigningSigners", sc.testSigningSigners);
    line(2, "</SigningScenario>");
  };
  if (model.signingScenarios.length === 0) line(1, "<SigningScenarios />");
  else {
    line(1, "<SigningScenarios>");
    model.signingScenarios.forEach(scenario);
    line(1, "</SigningScenarios>");
  }

  list(1, "UpdatePolicySigners", model.updatePolicySigners, "UpdatePolicySigner", "SignerId");
  list(1, "CiSigners", model.ciSigners, "CiSigner", "SignerId");
  line(1, `<HvciOptions>${model.hvciOptions ?? 0}</HvciOptions>`);

  if (model.settings.length === 0) line(1, "<Settings />");
  else {
    line(1, "<Settings>");
    for (const s of model.settings) {
      line(2, `<Setting${attrs([["Provider", s.provider], ["Key", s.key], ["ValueName", s.valueName]])}>`);
      line(3, "<Value>");
      const text = s.value.type === "Boolean" ? String(s.value.value) : s.value.type === "DWord" ? String(s.value.value) : escapeText(s.value.value);
      line(4, `<${s.value.type}>${text}</${s.value.type}>`);
      line(3, "</Value>");
      line(2, "</Setting>");
    }
    line(1, "</Settings>");
  }
  if (model.macros.length > 0) {
    line(1, "<Macros>");
    for (const m of model.macros) line(2, `<Macro${attrs([["Id", m.id], ["Value", m.value]])} />`);
    line(1, "</Macros>");
  }
  if (model.supplementalPolicySigners.length > 0) {
    list(1, "SupplementalPolicySigners", model.supplementalPolicySigners, "SupplementalPolicySigner", "SignerId");
  }
  line(0, "</SiPolicy>");
  return out.join("\n") + "\n";
}
