import { id_data } from "@peculiar/asn1-cms";
import { describe, expect, it } from "vitest";
import { SiPolicyDecodeError } from "./errors.ts";
import { unwrapSiPolicy } from "./pkcs7.ts";
import { wrapInPkcs7 } from "./testing-pkcs7.ts";

describe("unwrapSiPolicy", () => {
  const policy = Uint8Array.of(7, 0, 0, 0, 1, 2, 3, 4);

  it("raw policies pass through", () => {
    expect(unwrapSiPolicy(policy)).toEqual({ policy, container: "raw", signed: false });
  });
  it("unwraps an unsigned PKCS#7 SignedData", () => {
    const out = unwrapSiPolicy(wrapInPkcs7(policy));
    expect(Array.from(out.policy)).toEqual(Array.from(policy));
    expect(out).toMatchObject({ container: "pkcs7", signed: false });
  });
  it("reports a signature without verifying it", () => {
    expect(unwrapSiPolicy(wrapInPkcs7(policy, { signed: true })).signed).toBe(true);
  });
  it("a different content type, a detached signature or broken DER → SiPolicyDecodeError", () => {
    expect(() => unwrapSiPolicy(wrapInPkcs7(policy, { contentType: id_data }))).toThrow(/not a code-integrity policy/);
    expect(() => unwrapSiPolicy(wrapInPkcs7(policy, { detached: true }))).toThrow(/detached/);
    const der = wrapInPkcs7(policy);
    expect(() => unwrapSiPolicy(der.subarray(0, der.length - 3))).toThrow(SiPolicyDecodeError);
    expect(() => unwrapSiPolicy(Uint8Array.of(0x30, 0x80))).toThrow(SiPolicyDecodeError);
  });
});
