/**
 * Unwraps a SiPolicy from its container. `ConvertFrom-CIPolicy` writes the raw binary; signed
 * policies (and tools that name files `.p7b`) wrap it in CMS SignedData whose encapsulated content
 * type is 1.3.6.1.4.1.311.79.1 (format.md §5). Parsing uses @peculiar/asn1-cms; the signature, when
 * there is one, is reported but not verified.
 */
import { ContentInfo, id_signedData, SignedData } from "@peculiar/asn1-cms";
import { AsnConvert } from "@peculiar/asn1-schema";
import { SiPolicyDecodeError } from "./errors.ts";

/** Encapsulated content type of a code-integrity policy in CMS. */
export const SIPOLICY_CMS_CONTENT_TYPE = "1.3.6.1.4.1.311.79.1";

export interface UnwrappedSiPolicy {
  /** The raw policy bytes. */
  policy: Uint8Array;
  container: "raw" | "pkcs7";
  /** True when the CMS carries signer infos (the signature was not checked). */
  signed: boolean;
}

/** A raw policy starts with its format version as a u32 (7); DER starts with a SEQUENCE tag 0x30. */
export function unwrapSiPolicy(data: Uint8Array): UnwrappedSiPolicy {
  if (data.length === 0 || data[0] !== 0x30) return { policy: data, container: "raw", signed: false };
  let signedData: SignedData;
  try {
    const info = AsnConvert.parse(data, ContentInfo);
    if (info.contentType !== id_signedData) {
      throw new SiPolicyDecodeError(`PKCS#7 content type is ${info.contentType}, expected signedData (${id_signedData})`);
    }
    signedData = AsnConvert.parse(info.content, SignedData);
  } catch (err) {
    if (err instanceof SiPolicyDecodeError) throw err;
    throw new SiPolicyDecodeError(`not a raw policy (format version) nor a readable PKCS#7 SignedData: ${(err as Error).message}`, undefined, { cause: err });
  }
  const encap = signedData.encapContentInfo;
  if (encap.eContentType !== SIPOLICY_CMS_CONTENT_TYPE) {
    throw new SiPolicyDecodeError(`PKCS#7 carries content type ${encap.eContentType}, not a code-integrity policy (${SIPOLICY_CMS_CONTENT_TYPE})`);
  }
  const content = encap.eContent?.single ?? (encap.eContent?.any ? new Uint8Array(encap.eContent.any) : undefined);
  if (!content) throw new SiPolicyDecodeError("PKCS#7 SignedData has no encapsulated policy (detached signature)");
  const policy = new Uint8Array(content.buffer, content.byteOffset, content.byteLength).slice();
  return { policy, container: "pkcs7", signed: signedData.signerInfos.length > 0 };
}
