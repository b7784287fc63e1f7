/**
 * What a HoloLens 2 checks when a WDAC policy arrives through the ApplicationControl CSP
 * (`./Vendor/MSFT/ApplicationControl/Policies/{GUID}/Policy`, value type b64 — docs
 * `applicationcontrol-csp.md`): the Base64 must decode, and the bytes must be a policy binary.
 * The tenant does not decode the policy (it shares no code with holofleet's compiler): it checks the
 * two shapes a policy binary has (reference `wdac/format.md`): an unsigned policy opens with its
 * format-version DWORD, little-endian (every `ConvertFrom-CIPolicy` output found is version 7,
 * `07 00 00 00`, §1–§2), and a signed one is a PKCS#7/CMS `ContentInfo` (§5): a DER SEQUENCE whose
 * first element is the signedData content type OID 1.2.840.113549.1.7.2.
 */

const POLICY_NODE = /^\.\/(?:Device\/)?Vendor\/MSFT\/ApplicationControl\/Policies\/[^/]+\/Policy$/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const FORMAT_VERSION_7 = Buffer.from([0x07, 0x00, 0x00, 0x00]);
/** DER of OBJECT IDENTIFIER 1.2.840.113549.1.7.2 (pkcs7-signedData). */
const SIGNED_DATA_OID = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);

/** True for the ApplicationControl CSP node that carries a policy binary. */
export function isAppControlPolicyNode(omaUri: string): boolean {
  return POLICY_NODE.test(omaUri);
}

/** Offset just past a DER SEQUENCE header (tag 0x30 and a definite length that fits), or -1. */
function afterSequenceHeader(bytes: Buffer): number {
  if (bytes.length < 2 || bytes[0] !== 0x30) return -1;
  const first = bytes[1]!;
  if (first < 0x80) return first + 2 === bytes.length ? 2 : -1;
  const count = first & 0x7f;
  // Indefinite (0x80) and lengths over 4 bytes are not what a policy file uses.
  if (count === 0 || count > 4 || bytes.length < 2 + count) return -1;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + bytes[2 + i]!;
  return 2 + count + length === bytes.length ? 2 + count : -1;
}

/**
 * Why a value for the policy node is not a policy the device can take, or null when it is one.
 * `value` is the setting's value as Intune stores it (Base64 text for omaSettingBase64).
 */
export function appControlPolicyProblem(value: unknown): string | null {
  if (typeof value !== "string") return "the policy node takes Base64 text (omaSettingBase64)";
  const text = value.replace(/\s+/g, "");
  if (text === "" || text.length % 4 !== 0 || !BASE64.test(text)) return "the value is not Base64";
  const bytes = Buffer.from(text, "base64");
  if (bytes.subarray(0, 4).equals(FORMAT_VERSION_7)) return null;
  const body = afterSequenceHeader(bytes);
  if (body > 0 && bytes.subarray(body, body + SIGNED_DATA_OID.length).equals(SIGNED_DATA_OID)) return null;
  return "the decoded bytes are neither a version 7 policy binary (07 00 00 00) nor a PKCS#7 signed policy";
}
