import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { referenceDir } from "../conformance/csdl.ts";
import { appControlPolicyProblem, isAppControlPolicyNode } from "./app-control-policy-check.ts";

const b64 = (bytes: number[]) => Buffer.from(bytes).toString("base64");
/** A DER SEQUENCE { OID signedData, [0] { } } with a long-form length, as a .p7b starts. */
function signedShape(): Buffer {
  const oid = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
  const content = [0xa0, 0x81, 0x80, ...new Array<number>(0x80).fill(0)];
  const inner = [...oid, ...content];
  return Buffer.from([0x30, 0x81, inner.length, ...inner]);
}

describe("isAppControlPolicyNode", () => {
  it("matches the Policy node with and without ./Device, and nothing else", () => {
    expect(isAppControlPolicyNode("./Vendor/MSFT/ApplicationControl/Policies/A244370E-44C9-4C06-B551-F6016E563076/Policy")).toBe(true);
    expect(isAppControlPolicyNode("./Device/Vendor/MSFT/ApplicationControl/Policies/A244370E-44C9-4C06-B551-F6016E563076/Policy")).toBe(true);
    expect(isAppControlPolicyNode("./Vendor/MSFT/ApplicationControl/Policies/A244370E-44C9-4C06-B551-F6016E563076/PolicyInfo/Status")).toBe(false);
    expect(isAppControlPolicyNode("./Vendor/MSFT/AssignedAccess/Configuration")).toBe(false);
  });
});

describe("appControlPolicyProblem", () => {
  it("accepts a version 7 binary and a PKCS#7 signed shape", () => {
    expect(appControlPolicyProblem(b64([7, 0, 0, 0, 0x0e, 0x37, 0x44, 0xa2]))).toBeNull();
    expect(appControlPolicyProblem(signedShape().toString("base64"))).toBeNull();
  });

  it("rejects text that is not Base64, other binaries and other types", () => {
    expect(appControlPolicyProblem("not base64!")).toContain("not Base64");
    expect(appControlPolicyProblem("")).toContain("not Base64");
    expect(appControlPolicyProblem(Buffer.from("<SiPolicy/>").toString("base64"))).toContain("neither");
    expect(appControlPolicyProblem(b64([8, 0, 0, 0]))).toContain("neither");
    // A SEQUENCE that is not signedData, and one whose length does not match the bytes.
    expect(appControlPolicyProblem(b64([0x30, 0x03, 0x02, 0x01, 0x00]))).toContain("neither");
    const truncated = signedShape().subarray(0, 40);
    expect(appControlPolicyProblem(truncated.toString("base64"))).toContain("neither");
    expect(appControlPolicyProblem(7)).toContain("Base64 text");
  });

  const vectors = join(referenceDir(), "wdac");
  it.skipIf(!existsSync(vectors))("accepts every Microsoft-made policy binary in the reference vectors", () => {
    const files = ["pairs", "binary-only"].flatMap((dir) => {
      const root = join(vectors, dir);
      return existsSync(root) ? readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => /\.(cip|p7b|bin)$/i.test(f)).map((f) => join(root, f)) : [];
    });
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(appControlPolicyProblem(readFileSync(file).toString("base64")), file).toBeNull();
  });
});
