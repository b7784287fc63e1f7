/**
 * Binary SiPolicy (raw `.cip`, or PKCS#7 `.p7b`) → model. The inverse of `encodeSiPolicy`: for any
 * binary Microsoft's compiler wrote, `encodeSiPolicy(decodeSiPolicy(b))` gives `b` back, byte for
 * byte. IDs, friendly names and comments are not in the binary, so the decoder names things by
 * position (`ID_DENY_D_3`). Malformed input fails with `SiPolicyDecodeError`, never a crash.
 */
import { SiPolicyBinaryReader } from "./binary-reader.ts";
import { compareSettings } from "./encode.ts";
import { SiPolicyDecodeError } from "./errors.ts";
import { documentOrderForSortedRules, isSortedByFileRuleKey } from "./file-rule-order.ts";
import { filetimeToDateTime } from "./filetime.ts";
import { bytesToGuid, isZeroGuid } from "./guid.ts";
import type {
  FileRuleKind,
  SiPolicyFileRule,
  SiPolicyMacro,
  SiPolicyModel,
  SiPolicySetting,
  SiPolicySigner,
  SiPolicySignerGroup,
  SiPolicySigningScenario,
} from "./model.ts";
import { unwrapSiPolicy } from "./pkcs7.ts";
import { flagsToRuleOptions } from "./rule-options.ts";
import { MAX_VERSION_PACKED, unpackVersion } from "./version.ts";

/** Format versions this decoder reads: 1–7 as Microsoft writes them, and 8 with no AppSettings. */
export const MAX_DECODABLE_FORMAT_VERSION = 8;
const HEADER_BODY_OFFSET = 0x40;
const DEFAULT_MIN_HASH_ALGORITHM = 0x800c;
const RULE_KINDS: Record<number, FileRuleKind> = { 0: "Deny", 1: "Allow", 2: "FileAttrib" };
const RULE_ID_PREFIX: Record<FileRuleKind, string> = { Deny: "ID_DENY_D_", Allow: "ID_ALLOW_A_", FileAttrib: "ID_FILEATTRIB_F_" };

export interface DecodedSiPolicy {
  model: SiPolicyModel;
  /** The binary's format version (Microsoft's compiler writes 7). */
  formatVersion: number;
  container: "raw" | "pkcs7";
  /** The PKCS#7 carried a signature; holofleet does not verify it. */
  signed: boolean;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex").toUpperCase();

export function decodeSiPolicy(data: Uint8Array): SiPolicyModel {
  return decodeSiPolicyWithInfo(data).model;
}

export function decodeSiPolicyWithInfo(data: Uint8Array): DecodedSiPolicy {
  const { policy, container, signed } = unwrapSiPolicy(data);
  const r = new SiPolicyBinaryReader(policy);
  const formatVersion = r.u32("the format version");
  if (formatVersion < 1 || formatVersion > MAX_DECODABLE_FORMAT_VERSION) {
    throw new SiPolicyDecodeError(`format version ${formatVersion} is not one holofleet reads (1–${MAX_DECODABLE_FORMAT_VERSION}); is this a WDAC policy?`, 0);
  }
  const headerGuid = r.bytes(16, "the header GUID");
  const platformGuid = r.bytes(16, "PlatformID");
  const flags = r.u32("the option flags");
  const counts = { ekus: r.u32(), rules: r.u32(), signers: r.u32(), scenarios: r.u32() };
  const versionEx = unpackVersion(r.u64("VersionEx"));
  const bodyAt = r.offset;
  const bodyOffset = r.u32("the body offset");
  if (bodyOffset !== HEADER_BODY_OFFSET) throw new SiPolicyDecodeError(`header body offset is 0x${bodyOffset.toString(16)}, expected 0x40`, bodyAt);
  // Each item takes at least this many bytes, so impossible counts are rejected before any loop.
  const minBytes = { ekus: 4, rules: 24, signers: 40, scenarios: 48 };
  for (const key of Object.keys(counts) as (keyof typeof counts)[]) {
    if (counts[key] * minBytes[key] > r.remaining) throw new SiPolicyDecodeError(`header says ${counts[key]} ${key}, more than the ${r.remaining} bytes left can hold`, 0x28);
  }

  const index = (what: string, size: number): number => {
    const at = r.offset;
    const i = r.u32(what);
    if (i >= size) throw new SiPolicyDecodeError(`${what} index ${i} is out of range (${size} defined)`, at);
    return i;
  };

  const ekus = Array.from({ length: counts.ekus }, (_, i) => ({ id: `ID_EKU_E_${i}`, value: hex(r.blob(`EKU ${i}`)) }));

  const rules: SiPolicyFileRule[] = [];
  const minimums: bigint[] = [];
  for (let i = 0; i < counts.rules; i++) {
    const at = r.offset;
    const kind = RULE_KINDS[r.u32("a file rule type")];
    if (!kind) throw new SiPolicyDecodeError(`file rule ${i} has an unknown type`, at);
    const rule: SiPolicyFileRule = { kind, id: `${RULE_ID_PREFIX[kind]}${i}` };
    const fileName = r.string(`file rule ${i} FileName`);
    if (fileName !== undefined) rule.fileName = fileName;
    minimums.push(r.u64("MinimumFileVersion"));
    const hash = r.blob(`file rule ${i} Hash`);
    if (hash.length > 0) rule.hash = hex(hash);
    rules.push(rule);
  }
  const ruleId = (what: string): string => rules[index(what, rules.length)]!.id;

  const signers: SiPolicySigner[] = [];
  for (let i = 0; i < counts.signers; i++) {
    const at = r.offset;
    const rootType = r.u32("a CertRoot type");
    let certRoot: SiPolicySigner["certRoot"];
    if (rootType === 0) certRoot = { type: "TBS", value: hex(r.blob(`signer ${i} CertRoot`)) };
    else if (rootType === 1) {
      const id = r.u32("a well-known root id").toString(16).toUpperCase();
      certRoot = { type: "Wellknown", value: id.length % 2 ? `0${id}` : id };
    } else throw new SiPolicyDecodeError(`signer ${i} has CertRoot type ${rootType}, expected 0 (TBS) or 1 (well-known)`, at);
    const certEkus = Array.from({ length: r.count(`signer ${i} EKU`, 4) }, () => ekus[index("CertEKU", ekus.length)]!.id);
    const issuer = r.string(`signer ${i} CertIssuer`);
    const publisher = r.string(`signer ${i} CertPublisher`);
    const oem = r.string(`signer ${i} CertOemID`);
    const fileAttribRefs = Array.from({ length: r.count(`signer ${i} FileAttribRef`, 4) }, () => ruleId("FileAttribRef"));
    const signer: SiPolicySigner = { id: `ID_SIGNER_S_${i}`, name: publisher ?? issuer ?? `Signer ${i}`, certRoot, certEkus, fileAttribRefs };
    if (issuer !== undefined) signer.certIssuer = issuer;
    if (publisher !== undefined) signer.certPublisher = publisher;
    if (oem !== undefined) signer.certOemId = oem;
    signers.push(signer);
  }
  const signerId = (what: string): string => signers[index(what, signers.length)]!.id;
  const signerList = (what: string): string[] => Array.from({ length: r.count(what, 4) }, () => signerId(what));
  const updatePolicySigners = signerList("UpdatePolicySigner");
  const ciSigners = signerList("CiSigner");

  const readGroup = (where: string): SiPolicySignerGroup => {
    const refs = (what: string): SiPolicySignerGroup["allowedSigners"] =>
      Array.from({ length: r.count(`${where} ${what}`, 8) }, () => ({
        signerId: signerId(what),
        exceptRuleIds: Array.from({ length: r.count(`${what} exception`, 4) }, () => ruleId(`${what} exception`)),
      }));
    const allowedSigners = refs("AllowedSigner");
    const deniedSigners = refs("DeniedSigner");
    const fileRuleRefs = Array.from({ length: r.count(`${where} FileRuleRef`, 4) }, () => ruleId("FileRuleRef"));
    return { allowedSigners, deniedSigners, fileRuleRefs };
  };
  const isEmpty = (g: SiPolicySignerGroup): boolean => g.allowedSigners.length + g.deniedSigners.length + g.fileRuleRefs.length === 0;
  const scenarioIds = Array.from({ length: counts.scenarios }, (_, i) => `ID_SIGNINGSCENARIO_S_${i}`);
  const signingScenarios: SiPolicySigningScenario[] = scenarioIds.map((id) => {
    const value = r.u32("a signing scenario value");
    const inheritedScenarios = Array.from({ length: r.count(`${id} InheritedScenarios`, 4) }, () => scenarioIds[index("InheritedScenario", scenarioIds.length)]!);
    const minHash = r.u32("MinimumHashAlgorithm");
    const scenario: SiPolicySigningScenario = { id, value, inheritedScenarios, productSigners: readGroup(`${id} ProductSigners`) };
    const test = readGroup(`${id} TestSigners`);
    const testSigning = readGroup(`${id} TestSigningSigners`);
    if (minHash !== DEFAULT_MIN_HASH_ALGORITHM) scenario.minimumHashAlgorithm = minHash;
    if (!isEmpty(test)) scenario.testSigners = test;
    if (!isEmpty(testSigning)) scenario.testSigningSigners = testSigning;
    return scenario;
  });

  const hvciOptions = r.u32("HvciOptions");
  const settings: SiPolicySetting[] = Array.from({ length: r.count("setting", 28) }, (_, i) => {
    const provider = r.string(`setting ${i} Provider`) ?? "";
    const key = r.string(`setting ${i} Key`) ?? "";
    const valueName = r.string(`setting ${i} ValueName`) ?? "";
    const at = r.offset;
    const type = r.u32("a setting value type");
    let value: SiPolicySetting["value"];
    if (type === 0) value = { type: "Boolean", value: r.u32("a Boolean") !== 0 };
    else if (type === 1) value = { type: "DWord", value: r.u32("a DWord") };
    else if (type === 2) value = { type: "Binary", value: hex(r.blob(`setting ${i} value`)) };
    else if (type === 3) value = { type: "String", value: r.string(`setting ${i} value`) ?? "" };
    else throw new SiPolicyDecodeError(`setting ${i} has value type ${type}, expected 0–3`, at);
    return { provider, key, valueName, value };
  });

  const macros: SiPolicyMacro[] = [];
  const macroFor = (value: string): string => {
    let macro = macros.find((m) => m.value === value);
    if (!macro) {
      macro = { id: `AppId${macros.length}`, value };
      macros.push(macro);
    }
    return `$(${macro.id})`;
  };
  let policyGuid: Uint8Array | undefined;
  let baseGuid: Uint8Array | undefined;
  let supplementalPolicySigners: string[] = [];
  const maximums: bigint[] = rules.map(() => 0n);
  for (let block = 3; block <= formatVersion; block++) {
    const at = r.offset;
    const tag = r.u32("a block tag");
    if (tag !== block) throw new SiPolicyDecodeError(`expected block ${block}, found tag ${tag}`, at);
    if (block === 3) {
      rules.forEach((rule, i) => {
        maximums[i] = r.u64("MaximumFileVersion");
        const values = Array.from({ length: r.count(`${rule.id} AppIDs`, 8) }, () => r.string(`${rule.id} AppID`) ?? "");
        if (values.length === 1 && !values[0]!.trim().startsWith("$")) rule.appIds = values[0]!;
        else if (values.length > 0) rule.appIds = values.map(macroFor).join("");
      });
      for (const signer of signers) {
        const ticks = r.u64("SignTimeAfter");
        if (ticks !== 0n) signer.signTimeAfter = filetimeToDateTime(ticks);
      }
    } else if (block === 4) {
      for (const rule of rules) {
        const internalName = r.string(`${rule.id} InternalName`);
        const fileDescription = r.string(`${rule.id} FileDescription`);
        const productName = r.string(`${rule.id} ProductName`);
        if (internalName !== undefined) rule.internalName = internalName;
        if (fileDescription !== undefined) rule.fileDescription = fileDescription;
        if (productName !== undefined) rule.productName = productName;
      }
    } else if (block === 5) {
      for (const rule of rules) {
        const pfn = r.string(`${rule.id} PackageFamilyName`);
        const packageVersion = r.u64("PackageVersion");
        if (pfn !== undefined) rule.packageFamilyName = pfn;
        if (packageVersion !== 0n) rule.packageVersion = unpackVersion(packageVersion);
      }
    } else if (block === 6) {
      policyGuid = r.bytes(16, "PolicyID");
      baseGuid = r.bytes(16, "BasePolicyID");
      supplementalPolicySigners = signerList("SupplementalPolicySigner");
    } else if (block === 7) {
      for (const rule of rules) {
        const filePath = r.string(`${rule.id} FilePath`);
        if (filePath !== undefined) rule.filePath = filePath;
      }
    } else {
      const n = r.u32("the AppSettings count");
      if (n !== 0) throw new SiPolicyDecodeError(`the policy has ${n} AppSettings (format 8), which holofleet does not read`, at + 4);
    }
  }
  const endAt = r.offset;
  const end = r.u32("the end tag");
  if (end !== formatVersion + 1) throw new SiPolicyDecodeError(`end tag is ${end}, expected ${formatVersion + 1}`, endAt);
  if (r.remaining !== 0) throw new SiPolicyDecodeError(`${r.remaining} unexpected bytes after the end tag`, r.offset);

  // Versions: a Deny rule without bounds is written with an all-ones minimum (format.md §3, Defaults).
  rules.forEach((rule, i) => {
    const min = minimums[i]!;
    const max = maximums[i]!;
    if (max !== 0n) rule.maximumFileVersion = unpackVersion(max);
    const implicit = rule.kind === "Deny" && max === 0n ? MAX_VERSION_PACKED : 0n;
    if (min !== implicit) rule.minimumFileVersion = unpackVersion(min);
  });

  const { options, supplemental, unknownBits } = flagsToRuleOptions(flags);
  const model: SiPolicyModel = {
    policyType: supplemental ? "Supplemental Policy" : "Base Policy",
    versionEx,
    platformId: bytesToGuid(platformGuid),
    options,
    ekus,
    fileRules: rules,
    signers,
    signingScenarios,
    updatePolicySigners,
    ciSigners,
    supplementalPolicySigners,
    hvciOptions,
    settings,
    macros,
  };
  if (unknownBits) model.unknownOptionBits = unknownBits;
  // Block 6 holds PolicyID and BasePolicyID; the header repeats BasePolicyID, or the legacy PolicyTypeID.
  if (policyGuid && !isZeroGuid(policyGuid)) model.policyId = bytesToGuid(policyGuid);
  if (baseGuid && !isZeroGuid(baseGuid)) model.basePolicyId = bytesToGuid(baseGuid);
  if ((!baseGuid || isZeroGuid(baseGuid)) && !isZeroGuid(headerGuid)) model.policyTypeId = bytesToGuid(headerGuid);

  // Give the rules a document order that Microsoft's sort turns back into this binary's order.
  const settingsSorted = settings.every((s, i) => i === 0 || compareSettings(settings[i - 1]!, s) <= 0);
  if (isSortedByFileRuleKey(rules) && settingsSorted) model.fileRules = documentOrderForSortedRules(rules);
  else model.keepBinaryOrder = true;
  return { model, formatVersion, container, signed };
}
