/**
 * SiPolicy XML → model, synchronously, with every problem as a located diagnostic (`file:line:col`).
 * It checks what the binary needs (IDs, references, versions, GUIDs, hex, option names, setting
 * values) but not the full XSD; `parseSiPolicyXml` runs the schema first and then this reader.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { Diagnostic } from "../../diag/diagnostic.ts";
import { isXsDateTime } from "./filetime.ts";
import { isBracedGuid } from "./guid.ts";
import type {
  FileRuleKind,
  SiPolicyFileRule,
  SiPolicyModel,
  SiPolicySettingValue,
  SiPolicySignerGroup,
  SiPolicySignerRef,
  SiPolicySigningScenario,
} from "./model.ts";
import { isKnownRuleOption } from "./rule-options.ts";
import { isFourPartVersion, packVersion } from "./version.ts";

/** One element of the document, with the offset of its `<` in the source text. */
interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
  start: number;
}

export interface ReadSiPolicyResult {
  /** Present when there are no error diagnostics. */
  model: SiPolicyModel | undefined;
  diagnostics: Diagnostic[];
}

const RULE_KINDS: readonly FileRuleKind[] = ["Allow", "Deny", "FileAttrib"];
const HEX = /^(?:[0-9a-fA-F]{2})*$/;
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

function toElements(nodes: unknown[]): { elements: XmlElement[]; text: string } {
  const elements: XmlElement[] = [];
  let text = "";
  for (const node of nodes as Record<string | symbol, unknown>[]) {
    const name = Object.keys(node).find((k) => k !== ":@");
    if (name === undefined) continue;
    if (name === "#text") {
      text += String(node[name]);
      continue;
    }
    if (name.startsWith("#") || name.startsWith("?")) continue;
    const inner = toElements((node[name] as unknown[]) ?? []);
    const meta = node[META] as { startIndex?: number } | undefined;
    elements.push({
      name,
      attrs: (node[":@"] as Record<string, string>) ?? {},
      children: inner.elements,
      text: inner.text,
      start: meta?.startIndex ?? 0,
    });
  }
  return { elements, text };
}

export function readSiPolicyXml(xml: string, file: string): ReadSiPolicyResult {
  const diagnostics: Diagnostic[] = [];
  const source = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  const shift = xml.length - source.length;
  const lineStarts = [0];
  for (let i = 0; i < xml.length; i++) if (xml.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const at = (offset: number): Diagnostic["source"] => {
    const o = offset + shift;
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { file, start: { line: lo + 1, col: o - lineStarts[lo]! + 1 } };
  };
  const report = (el: XmlElement | undefined, code: string, message: string, severity: "error" | "warning" = "error"): void => {
    diagnostics.push({ severity, code, message, source: el ? at(el.start) : { file, start: { line: 1, col: 1 } } });
  };

  const wellFormed = XMLValidator.validate(source);
  if (wellFormed !== true) {
    diagnostics.push({
      severity: "error",
      code: "HF4001",
      message: wellFormed.err.msg,
      source: { file, start: { line: wellFormed.err.line, col: wellFormed.err.col } },
    });
    return { model: undefined, diagnostics };
  }
  const parser = new XMLParser({
    preserveOrder: true,
    captureMetaData: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    htmlEntities: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
  });
  let parsed: unknown[];
  try {
    parsed = parser.parse(source) as unknown[];
  } catch (err) {
    // The validator above accepts a few things the parser refuses (e.g. some DOCTYPE entity forms).
    diagnostics.push({ severity: "error", code: "HF4001", message: (err as Error).message, source: { file, start: { line: 1, col: 1 } } });
    return { model: undefined, diagnostics };
  }
  const root = toElements(parsed).elements[0];
  if (!root || root.name !== "SiPolicy") {
    report(root, "HF4003", `the document element is <${root?.name ?? "nothing"}>, expected <SiPolicy> in namespace urn:schemas-microsoft-com:sipolicy`);
    return { model: undefined, diagnostics };
  }

  const child = (el: XmlElement, name: string): XmlElement | undefined => el.children.find((c) => c.name === name);
  const children = (el: XmlElement | undefined, name: string): XmlElement[] => (el ? el.children.filter((c) => c.name === name) : []);
  const attr = (el: XmlElement, name: string): string | undefined => el.attrs[name];
  const required = (el: XmlElement, name: string): string => {
    const v = el.attrs[name];
    if (v === undefined) report(el, "HF4002", `<${el.name}> needs the ${name} attribute`);
    return v ?? "";
  };
  const checkVersion = (el: XmlElement, value: string | undefined, what: string): string | undefined => {
    if (value === undefined) return undefined;
    if (!isFourPartVersion(value)) {
      report(el, "HF4104", `${what} "${value}" is not a four-part version a.b.c.d with parts from 0 to 65535`);
      return undefined;
    }
    return value.trim();
  };
  const checkHex = (el: XmlElement, value: string | undefined, what: string): string | undefined => {
    if (value === undefined) return undefined;
    const v = value.trim();
    if (!HEX.test(v)) {
      report(el, "HF4106", `${what} "${value}" is not an even number of hex digits`);
      return undefined;
    }
    return v.toUpperCase();
  };
  const checkNumber = (el: XmlElement, value: string, what: string, max: number): number | undefined => {
    const v = value.trim();
    if (!/^\d+$/.test(v) || Number(v) > max) {
      report(el, "HF4109", `${what} "${value}" is not a whole number from 0 to ${max}`);
      return undefined;
    }
    return Number(v);
  };
  const guidElement = (name: string, need: boolean): string | undefined => {
    const el = child(root, name);
    if (!el) {
      if (need) report(root, "HF4002", `<SiPolicy> needs a <${name}> element`);
      return undefined;
    }
    const v = el.text.trim();
    if (!isBracedGuid(v)) {
      report(el, "HF4105", `${name} "${v}" is not a GUID in {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX} form`);
      return undefined;
    }
    return v.toUpperCase();
  };

  // Header fields.
  const versionEl = child(root, "VersionEx");
  if (!versionEl) report(root, "HF4002", "<SiPolicy> needs a <VersionEx> element");
  const versionEx = versionEl ? checkVersion(versionEl, versionEl.text, "VersionEx") : undefined;
  const platformId = guidElement("PlatformID", true);
  const policyId = guidElement("PolicyID", false);
  const basePolicyId = guidElement("BasePolicyID", false);
  const policyTypeId = guidElement("PolicyTypeID", false);
  const policyTypeAttr = attr(root, "PolicyType");
  if (policyTypeAttr !== undefined && policyTypeAttr !== "Base Policy" && policyTypeAttr !== "Supplemental Policy") {
    report(root, "HF4002", `PolicyType "${policyTypeAttr}" is not "Base Policy" or "Supplemental Policy"`);
  }

  const options: string[] = [];
  for (const rule of children(child(root, "Rules"), "Rule")) {
    const optionEl = child(rule, "Option");
    if (!optionEl) {
      report(rule, "HF4002", "<Rule> needs an <Option> element");
      continue;
    }
    const name = optionEl.text.trim();
    if (!isKnownRuleOption(name)) report(optionEl, "HF4107", `unknown rule option "${name}"`);
    else options.push(name);
  }

  // Definitions, with duplicate checks; IDs are shared across kinds only within a list.
  const seen = new Map<string, string>();
  const define = (el: XmlElement, id: string, kind: string): void => {
    if (id === "") return;
    const prior = seen.get(id);
    if (prior !== undefined) report(el, "HF4101", `ID ${id} is already used by ${prior === "EKU" ? "an" : "a"} ${prior}`);
    else seen.set(id, kind);
  };

  const macros = children(child(root, "Macros"), "Macro").map((m) => ({ id: required(m, "Id"), value: required(m, "Value"), el: m }));
  const macroIds = new Set(macros.map((m) => m.id));

  const ekus = children(child(root, "EKUs"), "EKU").map((el) => {
    const id = required(el, "ID");
    define(el, id, "EKU");
    const friendlyName = attr(el, "FriendlyName");
    return { id, value: checkHex(el, required(el, "Value"), "EKU Value") ?? "", ...(friendlyName !== undefined && { friendlyName }) };
  });

  const ruleKinds = new Map<string, FileRuleKind>();
  const fileRules: SiPolicyFileRule[] = [];
  for (const el of child(root, "FileRules")?.children ?? []) {
    if (!RULE_KINDS.includes(el.name as FileRuleKind)) {
      report(el, "HF4002", `<FileRules> cannot contain <${el.name}>; use <Allow>, <Deny> or <FileAttrib>`);
      continue;
    }
    const kind = el.name as FileRuleKind;
    const id = required(el, "ID");
    define(el, id, "file rule");
    ruleKinds.set(id, kind);
    const rule: SiPolicyFileRule = { kind, id };
    const text = (name: string): string | undefined => attr(el, name);
    const assign = <K extends keyof SiPolicyFileRule>(key: K, value: SiPolicyFileRule[K] | undefined): void => {
      if (value !== undefined) rule[key] = value;
    };
    assign("friendlyName", text("FriendlyName"));
    assign("fileName", text("FileName"));
    assign("internalName", text("InternalName"));
    assign("fileDescription", text("FileDescription"));
    assign("productName", text("ProductName"));
    assign("packageFamilyName", text("PackageFamilyName"));
    assign("packageVersion", checkVersion(el, text("PackageVersion"), "PackageVersion"));
    assign("minimumFileVersion", checkVersion(el, text("MinimumFileVersion"), "MinimumFileVersion"));
    assign("maximumFileVersion", checkVersion(el, text("MaximumFileVersion"), "MaximumFileVersion"));
    assign("hash", checkHex(el, text("Hash"), "Hash"));
    assign("filePath", text("FilePath"));
    const appIds = text("AppIDs");
    if (appIds !== undefined) {
      rule.appIds = appIds;
      if (appIds.trim().startsWith("$")) {
        const refs = [...appIds.trim().matchAll(/\$\(([^()]*)\)/g)];
        if (refs.map((m) => m[0]).join("") !== appIds.trim()) report(el, "HF4114", `AppIDs "${appIds}" mixes macro references and text`);
        for (const m of refs) if (!macroIds.has(m[1]!)) report(el, "HF4114", `AppIDs uses macro $(${m[1]}), which <Macros> does not define`);
      }
    }
    // Checks Microsoft's tooling appears to enforce (format.md §3, unverified against ConvertFrom-CIPolicy): warnings.
    const names = [rule.fileName, rule.internalName, rule.fileDescription, rule.productName, rule.packageFamilyName, rule.filePath];
    if (rule.hash && names.some((n) => n !== undefined)) {
      report(el, "HF4110", `${id} has a Hash and other file attributes; a hash rule should have no other attribute`, "warning");
    } else if (!rule.hash && names.every((n) => n === undefined || n.trim() === "")) {
      report(el, "HF4110", `${id} has neither a Hash nor a name, package or path attribute, so it matches nothing`, "warning");
    }
    if (rule.minimumFileVersion && rule.maximumFileVersion && packVersion(rule.minimumFileVersion) > packVersion(rule.maximumFileVersion)) {
      report(el, "HF4111", `${id} MinimumFileVersion ${rule.minimumFileVersion} is above MaximumFileVersion ${rule.maximumFileVersion}`);
    }
    fileRules.push(rule);
  }

  const signerEls = children(child(root, "Signers"), "Signer");
  const signerIds = new Set<string>();
  const ekuIds = new Set(ekus.map((e) => e.id));
  for (const el of signerEls) {
    const id = required(el, "ID");
    define(el, id, "signer");
    signerIds.add(id);
  }
  const refRule = (el: XmlElement, id: string, kinds: readonly FileRuleKind[], what: string): void => {
    const kind = ruleKinds.get(id);
    if (kind === undefined) report(el, "HF4102", `${what} ${id} is not a file rule this policy defines`);
    else if (!kinds.includes(kind)) report(el, "HF4103", `${what} ${id} is ${kind === "Allow" ? "an" : "a"} ${kind} rule; it must be ${kinds.join(" or ")}`);
  };
  const refSigner = (el: XmlElement, id: string, what: string): void => {
    if (!signerIds.has(id)) report(el, "HF4102", `${what} ${id} is not a signer this policy defines`);
  };

  const signers = signerEls.map((el) => {
    const rootEl = child(el, "CertRoot");
    let certRoot: SiPolicyModel["signers"][number]["certRoot"] = { type: "TBS", value: "" };
    if (!rootEl) report(el, "HF4002", "<Signer> needs a <CertRoot> element");
    else {
      const type = required(rootEl, "Type");
      if (type !== "TBS" && type !== "Wellknown") report(rootEl, "HF4002", `CertRoot Type "${type}" is not TBS or Wellknown`);
      const value = checkHex(rootEl, required(rootEl, "Value"), "CertRoot Value") ?? "";
      if (type === "Wellknown" && (value.length === 0 || value.length > 8)) report(rootEl, "HF4109", `a Wellknown CertRoot is a root id of 1 to 4 bytes, got "${value}"`);
      certRoot = { type: type === "Wellknown" ? "Wellknown" : "TBS", value };
    }
    const certEkus = children(el, "CertEKU").map((e) => {
      const id = required(e, "ID");
      if (!ekuIds.has(id)) report(e, "HF4102", `CertEKU ${id} is not an EKU this policy defines`);
      return id;
    });
    const fileAttribRefs = children(el, "FileAttribRef").map((r) => {
      const id = required(r, "RuleID");
      refRule(r, id, ["FileAttrib"], "FileAttribRef");
      return id;
    });
    const valueOf = (name: string): string | undefined => {
      const e = child(el, name);
      return e ? required(e, "Value") : undefined;
    };
    const signTimeAfter = attr(el, "SignTimeAfter");
    if (signTimeAfter !== undefined && !isXsDateTime(signTimeAfter)) report(el, "HF4115", `SignTimeAfter "${signTimeAfter}" is not an xs:dateTime`);
    const signer: SiPolicyModel["signers"][number] = { id: required(el, "ID"), name: required(el, "Name"), certRoot, certEkus, fileAttribRefs };
    const issuer = valueOf("CertIssuer");
    const publisher = valueOf("CertPublisher");
    const oem = valueOf("CertOemID");
    if (issuer !== undefined) signer.certIssuer = issuer;
    if (publisher !== undefined) signer.certPublisher = publisher;
    if (oem !== undefined) signer.certOemId = oem;
    if (signTimeAfter !== undefined) signer.signTimeAfter = signTimeAfter;
    return signer;
  });

  const scenarioEls = children(child(root, "SigningScenarios"), "SigningScenario");
  const scenarioIds = new Set<string>();
  for (const el of scenarioEls) {
    const id = required(el, "ID");
    define(el, id, "signing scenario");
    scenarioIds.add(id);
  }
  const readGroup = (el: XmlElement | undefined): SiPolicySignerGroup | undefined => {
    if (!el) return undefined;
    const signerRefs = (listName: string, itemName: string, exceptName: string, exceptAttr: string, kind: FileRuleKind): SiPolicySignerRef[] =>
      children(child(el, listName), itemName).map((s) => {
        const signerId = required(s, "SignerId");
        refSigner(s, signerId, itemName);
        const exceptRuleIds = children(s, exceptName).map((x) => {
          const id = required(x, exceptAttr);
          refRule(x, id, [kind], exceptName);
          return id;
        });
        return { signerId, exceptRuleIds };
      });
    const fileRuleRefs = children(child(el, "FileRulesRef"), "FileRuleRef").map((r) => {
      const id = required(r, "RuleID");
      refRule(r, id, ["Allow", "Deny"], "FileRuleRef");
      return id;
    });
    return {
      allowedSigners: signerRefs("AllowedSigners", "AllowedSigner", "ExceptDenyRule", "DenyRuleID", "Deny"),
      deniedSigners: signerRefs("DeniedSigners", "DeniedSigner", "ExceptAllowRule", "AllowRuleID", "Allow"),
      fileRuleRefs,
    };
  };
  const signingScenarios = scenarioEls.map((el): SiPolicySigningScenario => {
    const inherited = (attr(el, "InheritedScenarios") ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");
    for (const id of inherited) if (!scenarioIds.has(id)) report(el, "HF4102", `InheritedScenarios ${id} is not a signing scenario this policy defines`);
    const productEl = child(el, "ProductSigners");
    if (!productEl) report(el, "HF4002", "<SigningScenario> needs a <ProductSigners> element");
    const scenario: SiPolicySigningScenario = {
      id: required(el, "ID"),
      value: checkNumber(el, required(el, "Value"), "SigningScenario Value", 255) ?? 0,
      inheritedScenarios: inherited,
      productSigners: readGroup(productEl) ?? { allowedSigners: [], deniedSigners: [], fileRuleRefs: [] },
    };
    const friendlyName = attr(el, "FriendlyName");
    if (friendlyName !== undefined) scenario.friendlyName = friendlyName;
    const minHash = attr(el, "MinimumHashAlgorithm");
    if (minHash !== undefined) {
      const n = checkNumber(el, minHash, "MinimumHashAlgorithm", 0xffff);
      if (n !== undefined) scenario.minimumHashAlgorithm = n;
    }
    const test = readGroup(child(el, "TestSigners"));
    const testSigning = readGroup(child(el, "TestSigningSigners"));
    if (test) scenario.testSigners = test;
    if (testSigning) scenario.testSigningSigners = testSigning;
    return scenario;
  });

  const signerList = (listName: string, itemName: string): string[] =>
    children(child(root, listName), itemName).map((el) => {
      const id = required(el, "SignerId");
      refSigner(el, id, itemName);
      return id;
    });
  const updatePolicySigners = signerList("UpdatePolicySigners", "UpdatePolicySigner");
  const ciSigners = signerList("CiSigners", "CiSigner");
  const supplementalPolicySigners = signerList("SupplementalPolicySigners", "SupplementalPolicySigner");

  const hvciEl = child(root, "HvciOptions");
  const hvciOptions = hvciEl ? checkNumber(hvciEl, hvciEl.text, "HvciOptions", 0xffffffff) : undefined;

  const settings = children(child(root, "Settings"), "Setting").flatMap((el) => {
    const valueEl = child(el, "Value")?.children[0];
    if (!valueEl) {
      report(el, "HF4002", "<Setting> needs a <Value> with one of <Boolean>, <DWord>, <Binary>, <String>");
      return [];
    }
    const raw = valueEl.text;
    let value: SiPolicySettingValue | undefined;
    switch (valueEl.name) {
      case "Boolean": {
        const b = raw.trim();
        if (b === "true" || b === "1") value = { type: "Boolean", value: true };
        else if (b === "false" || b === "0") value = { type: "Boolean", value: false };
        else report(valueEl, "HF4108", `Boolean setting value "${raw}" is not true, false, 1 or 0`);
        break;
      }
      case "DWord": {
        const n = checkNumber(valueEl, raw, "DWord setting value", 0xffffffff);
        if (n !== undefined) value = { type: "DWord", value: n };
        break;
      }
      case "Binary": {
        const hex = checkHex(valueEl, raw, "Binary setting value");
        if (hex !== undefined) value = { type: "Binary", value: hex };
        break;
      }
      case "String":
        value = { type: "String", value: raw };
        break;
      default:
        report(valueEl, "HF4108", `setting value <${valueEl.name}> is not <Boolean>, <DWord>, <Binary> or <String>`);
    }
    if (!value) return [];
    return [{ provider: required(el, "Provider"), key: required(el, "Key"), valueName: required(el, "ValueName"), value }];
  });

  const supplemental = policyTypeAttr === "Supplemental Policy";
  if (!options.includes("Enabled:Unsigned System Integrity Policy") && updatePolicySigners.length === 0) {
    report(root, "HF4112", "the policy is signed (no Enabled:Unsigned System Integrity Policy) but names no UpdatePolicySigner; Windows cannot accept an update to it", "warning");
  }
  if (supplemental && options.includes("Enabled:Allow Supplemental Policies")) {
    report(root, "HF4113", "a supplemental policy cannot itself allow supplemental policies; remove Enabled:Allow Supplemental Policies", "warning");
  }

  if (diagnostics.some((d) => d.severity === "error")) return { model: undefined, diagnostics };
  const model: SiPolicyModel = {
    versionEx: versionEx!,
    platformId: platformId!,
    options,
    ekus,
    fileRules,
    signers,
    signingScenarios,
    updatePolicySigners,
    ciSigners,
    supplementalPolicySigners,
    settings,
    macros: macros.map(({ id, value }) => ({ id, value })),
  };
  if (policyTypeAttr !== undefined) model.policyType = policyTypeAttr as SiPolicyModel["policyType"] & string;
  const friendlyName = attr(root, "FriendlyName");
  if (friendlyName !== undefined) model.friendlyName = friendlyName;
  if (policyId !== undefined) model.policyId = policyId;
  if (basePolicyId !== undefined) model.basePolicyId = basePolicyId;
  if (policyTypeId !== undefined) model.policyTypeId = policyTypeId;
  if (hvciOptions !== undefined) model.hvciOptions = hvciOptions;
  return { model, diagnostics };
}
