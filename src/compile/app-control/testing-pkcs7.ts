/**
 * Test helper (not used by the product): wraps a policy in CMS SignedData the way signing tools do,
 * so the PKCS#7 path can be tested; none of the public vectors is actually wrapped.
 */
import {
  CMSVersion,
  ContentInfo,
  DigestAlgorithmIdentifiers,
  EncapsulatedContent,
  EncapsulatedContentInfo,
  id_signedData,
  SignedData,
  SignerIdentifier,
  SignerInfo,
  SignerInfos,
} from "@peculiar/asn1-cms";
import { AsnConvert, OctetString } from "@peculiar/asn1-schema";
import { AlgorithmIdentifier, SubjectKeyIdentifier } from "@peculiar/asn1-x509";
import { SIPOLICY_CMS_CONTENT_TYPE } from "./pkcs7.ts";

/** A CMS SignedData around `payload`, as signing tools produce (`signed` adds one dummy SignerInfo). */
export function wrapInPkcs7(payload: Uint8Array, options: { signed?: boolean; contentType?: string; detached?: boolean } = {}): Uint8Array {
  const signerInfos = new SignerInfos();
  if (options.signed) {
    signerInfos.push(
      new SignerInfo({
        version: CMSVersion.v3,
        sid: new SignerIdentifier({ subjectKeyIdentifier: new SubjectKeyIdentifier(new Uint8Array(20).fill(7)) }),
        digestAlgorithm: new AlgorithmIdentifier({ algorithm: "2.16.840.1.101.3.4.2.1" }),
        signatureAlgorithm: new AlgorithmIdentifier({ algorithm: "1.2.840.113549.1.1.11" }),
        signature: new OctetString(new Uint8Array(64).fill(1)),
      }),
    );
  }
  const signedData = new SignedData({
    version: CMSVersion.v1,
    digestAlgorithms: new DigestAlgorithmIdentifiers(),
    encapContentInfo: new EncapsulatedContentInfo({
      eContentType: options.contentType ?? SIPOLICY_CMS_CONTENT_TYPE,
      ...(options.detached ? {} : { eContent: new EncapsulatedContent({ single: new OctetString(payload) }) }),
    }),
    signerInfos,
  });
  const info = new ContentInfo({ contentType: id_signedData, content: AsnConvert.serialize(signedData) });
  return new Uint8Array(AsnConvert.serialize(info));
}
