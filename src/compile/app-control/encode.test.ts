import { describe, expect, it } from "vitest";
import { encodeSiPolicy, expandAppIds } from "./encode.ts";
import { SiPolicyModelError } from "./errors.ts";
import { emptySignerGroup, emptySiPolicyModel, type SiPolicyModel } from "./model.ts";

const PLATFORM = "{2E07F7E4-194C-4D20-B7C9-6F44A6C5A234}";
const u32 = (b: Uint8Array, at: number): number => new DataView(b.buffer, b.byteOffset).getUint32(at, true);
const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const model = (): SiPolicyModel => emptySiPolicyModel({ versionEx: "1.2.3.4", platformId: PLATFORM });

describe("encodeSiPolicy", () => {
  it("an empty policy: header, empty lists, blocks 3–7 and end tag 8 (format.md §2)", () => {
    const b = encodeSiPolicy(model());
    expect(u32(b, 0)).toBe(7);
    expect(hex(b.subarray(0x04, 0x14))).toBe("00".repeat(16)); // no BasePolicyID
    expect(u32(b, 0x24)).toBe(0x80000000);
    expect(hex(b.subarray(0x38, 0x40))).toBe("0400030002000100");
    expect(u32(b, 0x40)).toBe(0x40);
    // Update/Ci signers, HVCI, settings, then blocks 3,4,5,6(+ 2 GUIDs + count),7 and the end tag.
    const body = hex(b.subarray(0x44));
    expect(body).toBe("00000000".repeat(4) + "03000000" + "04000000" + "05000000" + "06000000" + "00".repeat(32) + "00000000" + "07000000" + "08000000");
  });

  it("the header GUID is BasePolicyID; legacy XML uses PolicyTypeID as policy and base id", () => {
    const modern = { ...model(), policyId: "{02E8B547-F94D-40EF-82F0-35C09B176C09}", basePolicyId: "{BD0E4FC3-D24E-43E2-BEA9-8F4C4B7165EE}" };
    expect(hex(encodeSiPolicy(modern).subarray(4, 20))).toBe("c34f0ebd4ed2e243bea98f4c4b7165ee");
    const legacy = { ...model(), policyTypeId: "{A244370E-44C9-4C06-B551-F6016E563076}" };
    const b = encodeSiPolicy(legacy);
    const guid = "0e3744a2c944064cb551f6016e563076";
    expect(hex(b.subarray(4, 20))).toBe(guid);
    expect(hex(b)).toContain("06000000" + guid + guid);
  });

  it("supplemental policies set bit 30", () => {
    expect(u32(encodeSiPolicy({ ...model(), policyType: "Supplemental Policy" }), 0x24)).toBe(0xc0000000);
  });

  it("version defaults: Deny without bounds → all ones; Deny with a max → min 0; Allow → 0", () => {
    const m = model();
    m.fileRules = [
      { kind: "Deny", id: "ID_DENY_A", fileName: "a" },
      { kind: "Deny", id: "ID_DENY_B", fileName: "b", maximumFileVersion: "1.0.0.0" },
      { kind: "Allow", id: "ID_ALLOW_C", fileName: "c" },
    ];
    const b = encodeSiPolicy(m);
    // Each record: type (4), the one-letter name (4 + 4 padded + 4), minimum version (8), empty hash (4) = 28 bytes.
    const recordMin = (i: number): string => hex(b.subarray(0x44 + i * 28 + 16, 0x44 + i * 28 + 24));
    expect([recordMin(0), recordMin(1), recordMin(2)]).toEqual(["ffffffffffffffff", "0000000000000000", "0000000000000000"]);
  });

  it("settings are sorted by Provider, Key, ValueName ignoring case; FileRulesRef indexes ascend", () => {
    const m = model();
    m.settings = [
      { provider: "b", key: "k", valueName: "v", value: { type: "DWord", value: 1 } },
      { provider: "A", key: "k", valueName: "v", value: { type: "DWord", value: 2 } },
    ];
    m.fileRules = [
      { kind: "Allow", id: "ID_ALLOW_Z", fileName: "z" },
      { kind: "Allow", id: "ID_ALLOW_A", fileName: "a" },
    ];
    m.signingScenarios = [{ id: "ID_SIGNINGSCENARIO_U", value: 12, inheritedScenarios: [], productSigners: { ...emptySignerGroup(), fileRuleRefs: ["ID_ALLOW_Z", "ID_ALLOW_A"] } }];
    const h = hex(encodeSiPolicy(m));
    expect(h.indexOf(Buffer.from("A", "utf16le").toString("hex") + "0000" + "00000000")).toBeLessThan(h.indexOf(Buffer.from("b", "utf16le").toString("hex") + "0000" + "00000000"));
    expect(h).toContain("02000000" + "00000000" + "01000000"); // 2 refs: index 0 (a), index 1 (z)
  });

  it("AppIDs: a literal is one string; macro references expand to their values", () => {
    const macros = new Map([["a", "one"], ["b", "two"]]);
    expect(expandAppIds("plain", macros, "r")).toEqual(["plain"]);
    expect(expandAppIds("$(a)$(b)", macros, "r")).toEqual(["one", "two"]);
    expect(() => expandAppIds("$(a)$(c)", macros, "r")).toThrow(/\$\(c\)/);
    expect(() => expandAppIds("$(a)x", macros, "r")).toThrow(/mixes/);
  });

  it("malformed values and duplicate IDs → SiPolicyModelError", () => {
    expect(() => encodeSiPolicy({ ...model(), versionEx: "1.0" })).toThrow(SiPolicyModelError);
    expect(() => encodeSiPolicy({ ...model(), platformId: "nope" })).toThrow(SiPolicyModelError);
    const dup = model();
    dup.fileRules = [{ kind: "Deny", id: "ID_DENY_X", fileName: "a" }, { kind: "Deny", id: "ID_DENY_X", fileName: "b" }];
    expect(() => encodeSiPolicy(dup)).toThrow(/duplicate file rule ID ID_DENY_X/);
    const badHash = model();
    badHash.fileRules = [{ kind: "Allow", id: "ID_ALLOW_H", hash: "XYZ" }];
    expect(() => encodeSiPolicy(badHash)).toThrow(/not hex/);
  });
});
