import { describe, expect, it } from "vitest";
import { seededRandom } from "../testing/seeded-random.ts";
import { decodeSiPolicy, decodeSiPolicyWithInfo } from "./decode.ts";
import { encodeSiPolicy } from "./encode.ts";
import { SiPolicyDecodeError, SiPolicyModelError } from "./errors.ts";
import { emptySignerGroup, emptySiPolicyModel, type SiPolicyModel } from "./model.ts";
import { wrapInPkcs7 } from "./testing-pkcs7.ts";
import { FIXTURE_VECTORS, readVectorBytes } from "./testing-vectors.ts";
import { siPolicyModelToXml } from "./xml-write.ts";
import { readSiPolicyXml } from "./xml-read.ts";

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

/** A policy that uses every field the public vectors do not cover (format.md §4, "Not covered"). */
function everythingModel(): SiPolicyModel {
  const m = emptySiPolicyModel({ versionEx: "1.2.3.4", platformId: "{2E07F7E4-194C-4D20-B7C9-6F44A6C5A234}" });
  m.policyType = "Supplemental Policy";
  m.policyId = "{02E8B547-F94D-40EF-82F0-35C09B176C09}";
  m.basePolicyId = "{BD0E4FC3-D24E-43E2-BEA9-8F4C4B7165EE}";
  m.options = ["Enabled:UMCI", "Enabled:Unsigned System Integrity Policy", "Required:WHQL"];
  m.ekus = [{ id: "ID_EKU_WINDOWS", value: "010A2B0601040182370A0306" }];
  m.macros = [{ id: "a", value: "app.one" }, { id: "b", value: "app.two" }];
  m.fileRules = [
    { kind: "Deny", id: "ID_DENY_NOVER", fileName: "x.exe" },
    { kind: "Deny", id: "ID_DENY_MIN0", fileName: "y.exe", minimumFileVersion: "0.0.0.0" },
    { kind: "Deny", id: "ID_DENY_MAXONLY", fileName: "z.exe", maximumFileVersion: "2.0.0.0" },
    { kind: "Deny", id: "ID_DENY_BOTH", fileName: "w.exe", minimumFileVersion: "65535.65535.65535.65535", maximumFileVersion: "65535.65535.65535.65535" },
    { kind: "Deny", id: "ID_DENY_PFN", packageFamilyName: "Microsoft.WindowsStore_8wekyb3d8bbwe", packageVersion: "65535.65535.65535.65535" },
    { kind: "Allow", id: "ID_ALLOW_PFN", packageFamilyName: "Contoso.App_8wekyb3d8bbwe", packageVersion: "1.0.0.0", appIds: "$(a)$(b)" },
    { kind: "Allow", id: "ID_ALLOW_LIT", fileName: "lit.exe", appIds: "plain.app" },
    { kind: "Allow", id: "ID_ALLOW_HASH", hash: "00112233445566778899AABBCCDDEEFF00112233" },
    { kind: "FileAttrib", id: "ID_FILEATTRIB_1", internalName: "int", fileDescription: "desc", productName: "prod", minimumFileVersion: "1.0.0.0" },
    { kind: "Allow", id: "ID_ALLOW_PATH", filePath: "%OSDRIVE%\\Tools\\*" },
  ];
  m.signers = [
    { id: "ID_SIGNER_WK", name: "well-known", certRoot: { type: "Wellknown", value: "06" }, certEkus: ["ID_EKU_WINDOWS"], fileAttribRefs: [], signTimeAfter: "2020-01-02T03:04:05.5Z" },
    { id: "ID_SIGNER_TBS", name: "tbs", certRoot: { type: "TBS", value: "F6F717A43AD9ABDDC8CEFDDE1C505462535E7D1307E630F9544A2D14FE8BF26E" }, certEkus: [], certIssuer: "Issuer", certPublisher: "Microsoft Corporation", certOemId: "oem", fileAttribRefs: ["ID_FILEATTRIB_1"] },
  ];
  m.signingScenarios = [
    { id: "ID_SIGNINGSCENARIO_K", value: 131, inheritedScenarios: [], minimumHashAlgorithm: 0x8004, productSigners: { ...emptySignerGroup(), allowedSigners: [{ signerId: "ID_SIGNER_WK", exceptRuleIds: ["ID_DENY_NOVER"] }] } },
    {
      id: "ID_SIGNINGSCENARIO_U",
      value: 12,
      inheritedScenarios: ["ID_SIGNINGSCENARIO_K"],
      productSigners: { allowedSigners: [], deniedSigners: [{ signerId: "ID_SIGNER_TBS", exceptRuleIds: ["ID_ALLOW_LIT"] }], fileRuleRefs: ["ID_ALLOW_PATH", "ID_DENY_PFN", "ID_ALLOW_PFN"] },
      testSigners: { ...emptySignerGroup(), allowedSigners: [{ signerId: "ID_SIGNER_TBS", exceptRuleIds: [] }] },
    },
  ];
  m.updatePolicySigners = ["ID_SIGNER_TBS"];
  m.ciSigners = ["ID_SIGNER_WK"];
  m.supplementalPolicySigners = ["ID_SIGNER_TBS"];
  m.hvciOptions = 2;
  m.settings = [
    { provider: "Zeta", key: "K", valueName: "dword", value: { type: "DWord", value: 4294967295 } },
    { provider: "alpha", key: "K", valueName: "bin", value: { type: "Binary", value: "DEADBEEF01" } },
    { provider: "Alpha", key: "k", valueName: "Bool", value: { type: "Boolean", value: false } },
    { provider: "PolicyInfo", key: "Information", valueName: "Name", value: { type: "String", value: "Everything" } },
  ];
  return m;
}

/** Decoding must either succeed (and then re-encode and print without crashing) or throw SiPolicyDecodeError. */
function decodesOrFailsCleanly(bytes: Uint8Array): "ok" | "error" {
  let model: SiPolicyModel;
  try {
    model = decodeSiPolicy(bytes);
  } catch (err) {
    if (!(err instanceof SiPolicyDecodeError)) throw err;
    expect(err.message.length).toBeGreaterThan(0);
    return "error";
  }
  encodeSiPolicy(model);
  try {
    siPolicyModelToXml(model);
  } catch (err) {
    if (!(err instanceof SiPolicyModelError)) throw err;
  }
  return "ok";
}

describe("decodeSiPolicy", () => {
  it("covers every field: encode → decode → encode gives the same bytes", () => {
    const bytes = encodeSiPolicy(everythingModel());
    const decoded = decodeSiPolicy(bytes);
    expect(same(encodeSiPolicy(decoded), bytes)).toBe(true);
    expect(decoded.policyType).toBe("Supplemental Policy");
    expect(decoded.hvciOptions).toBe(2);
    expect(decoded.macros.map((m) => m.value)).toEqual(["app.one", "app.two"]);
    expect(decoded.signers[0]!.signTimeAfter).toBe("2020-01-02T03:04:05.5Z");
    expect(decoded.signers[0]!.certRoot).toEqual({ type: "Wellknown", value: "06" });
  });

  it("…and through XML: the decoded policy printed as XML reads back and compiles to the same bytes", () => {
    const bytes = encodeSiPolicy(everythingModel());
    const xml = siPolicyModelToXml(decodeSiPolicy(bytes));
    const { model, diagnostics } = readSiPolicyXml(xml, "decoded.xml");
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(same(encodeSiPolicy(model!), bytes)).toBe(true);
  });

  it("restores the implicit version defaults: a Deny without bounds is all-ones, an explicit 0.0.0.0 minimum survives", () => {
    const decoded = decodeSiPolicy(encodeSiPolicy(everythingModel()));
    const byName = (f: string) => decoded.fileRules.find((r) => r.fileName === f)!;
    expect(byName("x.exe").minimumFileVersion).toBeUndefined();
    expect(byName("y.exe").minimumFileVersion).toBe("0.0.0.0");
    expect(byName("z.exe")).toMatchObject({ maximumFileVersion: "2.0.0.0" });
    expect(byName("z.exe").minimumFileVersion).toBeUndefined();
    expect(byName("w.exe").minimumFileVersion).toBe("65535.65535.65535.65535");
  });

  it("legacy PolicyTypeID policies (no block-6 ids) and header-only ids round-trip", () => {
    const m = emptySiPolicyModel({ versionEx: "10.3.0.1", platformId: "{2E07F7E4-194C-4D20-B7C9-6F44A6C5A234}" });
    m.policyTypeId = "{A244370E-44C9-4C06-B551-F6016E563076}";
    m.options = ["Enabled:Unsigned System Integrity Policy"];
    const bytes = encodeSiPolicy(m);
    expect(same(encodeSiPolicy(decodeSiPolicy(bytes)), bytes)).toBe(true);
    const n = { ...m, policyTypeId: "{A244370E-44C9-4C06-B551-F6016E563076}", policyId: "{02E8B547-F94D-40EF-82F0-35C09B176C09}" };
    const b2 = encodeSiPolicy(n);
    expect(decodeSiPolicy(b2)).toMatchObject({ policyTypeId: n.policyTypeId, policyId: n.policyId });
    expect(same(encodeSiPolicy(decodeSiPolicy(b2)), b2)).toBe(true);
  });

  it("a binary whose rules are not in Microsoft's order (another tool) keeps its order and still round-trips", () => {
    const m = everythingModel();
    const reversed: SiPolicyModel = { ...m, fileRules: [...m.fileRules].reverse(), keepBinaryOrder: true };
    const bytes = encodeSiPolicy(reversed);
    const decoded = decodeSiPolicy(bytes);
    expect(decoded.keepBinaryOrder).toBe(true);
    expect(same(encodeSiPolicy(decoded), bytes)).toBe(true);
  });

  it("reads policies wrapped in PKCS#7 (.p7b), signed or not, to the same model", () => {
    const raw = readVectorBytes(FIXTURE_VECTORS.find((v) => v.id === "wdac-toolkit-7433073")!.binPath);
    const unsigned = decodeSiPolicyWithInfo(wrapInPkcs7(raw));
    expect(unsigned).toMatchObject({ container: "pkcs7", signed: false, formatVersion: 7 });
    expect(same(encodeSiPolicy(unsigned.model), raw)).toBe(true);
    expect(decodeSiPolicyWithInfo(wrapInPkcs7(raw, { signed: true })).signed).toBe(true);
  });

  it("clear errors for a newer format, a wrong end tag, trailing bytes and out-of-range indexes", () => {
    const good = encodeSiPolicy(everythingModel());
    const patched = (at: number, value: number): Uint8Array => {
      const b = good.slice();
      new DataView(b.buffer).setUint32(at, value, true);
      return b;
    };
    expect(() => decodeSiPolicy(patched(0, 11))).toThrow(/format version 11 is not one holofleet reads/);
    expect(() => decodeSiPolicy(patched(good.length - 4, 9))).toThrow(/end tag is 9, expected 8/);
    expect(() => decodeSiPolicy(Uint8Array.from([...good, 0, 0, 0, 0]))).toThrow(/4 unexpected bytes after the end tag/);
    expect(() => decodeSiPolicy(patched(0x40, 0x44))).toThrow(/body offset/);
    expect(() => decodeSiPolicy(new Uint8Array())).toThrow(SiPolicyDecodeError);
    expect(() => decodeSiPolicy(Uint8Array.of(7, 0, 0, 0))).toThrow(/truncated policy/);
  });

  it("fuzz: every truncation of a real policy fails with SiPolicyDecodeError", () => {
    const raw = readVectorBytes(FIXTURE_VECTORS.find((v) => v.id === "wdac-toolkit-7433073")!.binPath);
    for (let n = 0; n < raw.length; n++) expect(decodesOrFailsCleanly(raw.subarray(0, n))).toBe("error");
    const wrapped = wrapInPkcs7(raw);
    for (let n = 0; n < wrapped.length; n += 97) expect(decodesOrFailsCleanly(wrapped.subarray(0, n))).toBe("error");
  });

  it("fuzz: random bytes, and random corruptions of real policies, decode or fail cleanly (seeded, bounded)", () => {
    const rand = seededRandom(0x5eed);
    const started = Date.now();
    const outcomes = { ok: 0, error: 0 };
    for (let i = 0; i < 1500; i++) {
      const length = Math.floor(rand() * 600);
      const bytes = Uint8Array.from({ length }, () => Math.floor(rand() * 256));
      // Half of them look like a format-7 policy or a DER SEQUENCE, to get past the first check.
      if (length >= 4 && i % 2 === 0) bytes.set(i % 4 === 0 ? [7, 0, 0, 0] : [0x30, 0x82], 0);
      outcomes[decodesOrFailsCleanly(bytes)]++;
    }
    const sources = [encodeSiPolicy(everythingModel()), ...FIXTURE_VECTORS.map((v) => readVectorBytes(v.binPath))];
    for (let i = 0; i < 1500; i++) {
      const bytes = sources[i % sources.length]!.slice();
      const flips = 1 + Math.floor(rand() * 4);
      for (let f = 0; f < flips; f++) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
      outcomes[decodesOrFailsCleanly(bytes)]++;
    }
    expect(outcomes.ok + outcomes.error).toBe(3000);
    expect(outcomes.ok).toBeGreaterThan(0); // some corruptions only change a name or a version
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("fuzz: huge counts in an otherwise small input are rejected at once (no long loop, no big allocation)", () => {
    const good = encodeSiPolicy(everythingModel());
    for (const at of [0x28, 0x2c, 0x30, 0x34]) {
      const b = good.slice();
      new DataView(b.buffer).setUint32(at, 0xffffffff, true);
      const t = Date.now();
      expect(() => decodeSiPolicy(b)).toThrow(/more than the \d+ bytes left can hold/);
      expect(Date.now() - t).toBeLessThan(100);
    }
  });
});
