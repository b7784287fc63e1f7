/**
 * App control (WDAC / App Control for Business): SiPolicy XML ↔ model ↔ format-7 binary, the
 * HoloLens deny policy holofleet generates, and what a policy denies (for the audit).
 */
export type * from "./model.ts";
export { emptySiPolicyModel, emptySignerGroup } from "./model.ts";
export { compileSiPolicy, type CompileSiPolicyOptions } from "./compile.ts";
export { encodeSiPolicy, SIPOLICY_FORMAT_VERSION } from "./encode.ts";
export { decodeSiPolicy, decodeSiPolicyWithInfo, MAX_DECODABLE_FORMAT_VERSION, type DecodedSiPolicy } from "./decode.ts";
export { unwrapSiPolicy, SIPOLICY_CMS_CONTENT_TYPE, type UnwrappedSiPolicy } from "./pkcs7.ts";
export { parseSiPolicyXml, type ParseSiPolicyResult } from "./parse.ts";
export { readSiPolicyXml, type ReadSiPolicyResult } from "./xml-read.ts";
export { validateSiPolicySchema } from "./xml-schema.ts";
export { siPolicyModelToXml } from "./xml-write.ts";
export { deniedApps, type DeniedApps, type DeniedAppRule } from "./denied-apps.ts";
export {
  buildHoloLensDenyPolicy,
  buildHoloLensDenyPolicyModel,
  HOLOLENS_DENY_POLICY_OPTIONS,
  NEW_EDGE_FILE_NAME,
  SIPOLICY_PLATFORM_ID,
  type HoloLensDenyPolicyInput,
} from "./hololens-deny-policy.ts";
export { SiPolicyDecodeError, SiPolicyModelError, SiPolicyXmlError } from "./errors.ts";
export { RULE_OPTION_BITS } from "./rule-options.ts";
export { MAX_VERSION } from "./version.ts";
