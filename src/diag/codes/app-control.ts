/**
 * Diagnostic codes for app control (WDAC SiPolicy XML and binaries), range HF4xxx.
 * HF40xx: the XML document; HF41xx: policy semantics; HF42xx: binaries; HF43xx: the HoloLens deny policy.
 */
import type { CodeInfo } from "../codes.ts";

export const appControlCodes: Record<string, CodeInfo> = {
  HF4001: { title: "SiPolicy XML is not well-formed" },
  HF4002: { title: "SiPolicy XML does not match the SiPolicy schema (cipolicy.xsd)" },
  HF4003: { title: "document is not a SiPolicy policy" },
  HF4101: { title: "duplicate ID in the policy" },
  HF4102: { title: "reference to an ID the policy does not define" },
  HF4103: { title: "reference to an element of the wrong kind" },
  HF4104: { title: "version is not four dot-separated numbers from 0 to 65535" },
  HF4105: { title: "GUID is not in {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX} form" },
  HF4106: { title: "hex value is not an even number of hex digits" },
  HF4107: { title: "unknown rule option" },
  HF4108: { title: "setting value is invalid for its type" },
  HF4109: { title: "number is out of range" },
  HF4110: { title: "file rule has no usable attribute or conflicting attributes" },
  HF4111: { title: "minimum version is above the maximum version" },
  HF4112: { title: "unsigned-policy option missing while no update-policy signer is set" },
  HF4113: { title: "supplemental policy enables supplemental policies" },
  HF4114: { title: "AppIDs refers to an undefined macro" },
  HF4115: { title: "SignTimeAfter is not an xs:dateTime" },
  HF4201: { title: "binary WDAC policy cannot be decoded" },
  HF4202: { title: "binary WDAC policy is signed; the signature was not verified" },
  HF4301: { title: "invalid input for the HoloLens deny policy" },
};
