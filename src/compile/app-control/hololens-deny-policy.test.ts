import { describe, expect, it } from "vitest";
import { UserError } from "../../diag/diagnostic.ts";
import { compileSiPolicy } from "./compile.ts";
import { decodeSiPolicy } from "./decode.ts";
import { deniedApps } from "./denied-apps.ts";
import { buildHoloLensDenyPolicy, buildHoloLensDenyPolicyModel, NEW_EDGE_FILE_NAME, type HoloLensDenyPolicyInput } from "./hololens-deny-policy.ts";
import { parseSiPolicyXml } from "./parse.ts";

const STORE = "Microsoft.WindowsStore_8wekyb3d8bbwe";
const EDGE_STABLE = "Microsoft.MicrosoftEdge.Stable_8wekyb3d8bbwe";
const input: HoloLensDenyPolicyInput = {
  policyId: "{A244370E-44C9-4C06-B551-F6016E563076}",
  name: "Contoso HoloLens app control",
  version: "10.0.0.1",
  packageFamilyNames: [STORE, EDGE_STABLE],
  fileNames: [NEW_EDGE_FILE_NAME],
};

const u32 = (b: Uint8Array, at: number): number => new DataView(b.buffer, b.byteOffset).getUint32(at, true);
const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const utf16 = (s: string): string => Buffer.from(s, "utf16le").toString("hex");
/** A counted string as format.md §2 writes it. */
const str = (s: string): string => {
  const body = utf16(s) + "00".repeat((4 - ((s.length * 2) % 4)) % 4);
  return Buffer.from(Uint32Array.of(s.length * 2).buffer).toString("hex") + body + "00000000";
};
const FF8 = "ffffffffffffffff";
const EMPTY = "0000000000000000";

describe("buildHoloLensDenyPolicy", () => {
  it("produces SiPolicy XML that passes Microsoft's XSD", async () => {
    const xml = buildHoloLensDenyPolicy(input);
    const { model, diagnostics } = await parseSiPolicyXml(xml, "hololens.xml");
    expect(diagnostics).toEqual([]);
    expect(model?.policyId).toBe("{A244370E-44C9-4C06-B551-F6016E563076}");
  });

  it("carries the doc's deny rule shapes: PFN + PackageVersion 65535.x, and FileName msedge.exe + PackageVersion 65535.x", () => {
    const xml = buildHoloLensDenyPolicy(input);
    expect(xml).toContain(`<Deny ID="ID_DENY_PFN_1" FriendlyName="${STORE} FileRule" PackageFamilyName="${STORE}" PackageVersion="65535.65535.65535.65535" />`);
    expect(xml).toContain('FileName="msedge.exe" PackageVersion="65535.65535.65535.65535" />');
  });

  it("options follow the procedure: no Audit Mode (step 8), Invalidate EAs on Reboot (step 9), UMCI, unsigned", () => {
    const model = buildHoloLensDenyPolicyModel(input);
    expect(model.options).not.toContain("Enabled:Audit Mode");
    expect(model.options).toEqual(expect.arrayContaining(["Enabled:Invalidate EAs on Reboot", "Enabled:UMCI", "Enabled:Unsigned System Integrity Policy"]));
  });

  it("compiles, and decodes back to the same rules and deny list", () => {
    const bytes = compileSiPolicy(buildHoloLensDenyPolicy(input));
    const decoded = decodeSiPolicy(bytes);
    const denied = deniedApps(decoded);
    expect(denied.enforced).toBe(true);
    expect(denied.packageFamilyNames.sort()).toEqual([EDGE_STABLE, STORE].sort());
    expect(denied.fileNames).toEqual(["msedge.exe"]);
    expect(denied.rules.every((r) => r.allVersions && r.scenarios.join() === "12")).toBe(true);
    const strip = (rules: typeof decoded.fileRules) =>
      rules.map((r) => [r.kind, r.fileName, r.packageFamilyName, r.packageVersion, r.minimumFileVersion, r.maximumFileVersion].join("|")).sort();
    expect(strip(decoded.fileRules)).toEqual(strip(buildHoloLensDenyPolicyModel(input).fileRules));
    // And the decoded policy re-encodes to the same bytes.
    expect(hex(compileSiPolicy(decoded))).toBe(hex(bytes));
  });

  it("binary structure, field by field against format.md §2", () => {
    const b = compileSiPolicy(buildHoloLensDenyPolicy(input));
    // Header.
    expect(u32(b, 0x00)).toBe(7);
    expect(hex(b.subarray(0x04, 0x14))).toBe("0e3744a2c944064cb551f6016e563076"); // BasePolicyID, .NET byte order
    expect(hex(b.subarray(0x14, 0x24))).toBe("e4f7072e4c19204db7c96f44a6c5a234"); // PlatformID {2E07F7E4-…}
    expect(u32(b, 0x24)).toBe((0x80000000 | 0x4 | 0x20 | 0x80000) >>> 0); // bit 31 | UMCI | Invalidate EAs | Unsigned
    expect([u32(b, 0x28), u32(b, 0x2c), u32(b, 0x30), u32(b, 0x34)]).toEqual([0, 5, 0, 2]); // EKUs, rules, signers, scenarios
    expect(hex(b.subarray(0x38, 0x40))).toBe("0100000000000a00"); // VersionEx 10.0.0.1 packed
    expect(u32(b, 0x40)).toBe(0x40);

    // File rules, sorted: the two PFN denies (no FileName sorts first), the msedge.exe deny, the two Allow *.
    const pfnMain = "00000000" + EMPTY + FF8 + "00000000";
    const edgeMain = "00000000" + str("msedge.exe") + FF8 + "00000000";
    const allowMain = "01000000" + str("*") + EMPTY + "00000000";
    let at = 0x44;
    const expectNext = (hexBytes: string, what: string): void => {
      expect(hex(b.subarray(at, at + hexBytes.length / 2)), what).toBe(hexBytes);
      at += hexBytes.length / 2;
    };
    expectNext(pfnMain + pfnMain + edgeMain + allowMain + allowMain, "main rule records");
    expectNext("00000000" + "00000000", "UpdatePolicySigners, CiSigners");
    // Scenario 131 references one Allow *, scenario 12 the other and the three denies (ascending indexes).
    const group = (refs: number[]): string => "00000000" + "00000000" + Buffer.from(Uint32Array.of(refs.length, ...refs).buffer).toString("hex");
    const emptyGroup = group([]);
    expectNext("83000000" + "00000000" + "0c800000" + group([3]) + emptyGroup + emptyGroup, "kernel scenario");
    expectNext("0c000000" + "00000000" + "0c800000" + group([0, 1, 2, 4]) + emptyGroup + emptyGroup, "user scenario");
    expectNext("00000000", "HvciOptions");
    expectNext("01000000" + str("PolicyInfo") + str("Information") + str("Name") + "03000000" + str(input.name), "settings");
    // V3: no max version, no AppIDs per rule; no signers.
    expectNext("03000000" + (EMPTY + "00000000").repeat(5), "block 3");
    expectNext("04000000" + (EMPTY + EMPTY + EMPTY).repeat(5), "block 4");
    // V5: PFN strings with PackageVersion 65535.x; msedge.exe has an empty PFN but the same PackageVersion.
    const edgeStable = str(EDGE_STABLE) + FF8;
    const store = str(STORE) + FF8;
    expectNext("05000000" + edgeStable + store + EMPTY + FF8 + (EMPTY + EMPTY).repeat(2), "block 5");
    expectNext("06000000" + "0e3744a2c944064cb551f6016e563076".repeat(2) + "00000000", "block 6");
    expectNext("07000000" + EMPTY.repeat(5), "block 7");
    expectNext("08000000", "end tag");
    expect(at).toBe(b.length);
  });

  it("the Store record matches format.md's listing byte for byte (V5: 48000000 \"Microsoft.WindowsStore_8wekyb3d8bbwe\" 00000000 FFx8)", () => {
    expect(str(STORE)).toBe("48000000" + utf16(STORE) + "00000000");
  });

  it("drops case-insensitive duplicates (Calendar and Mail share one PFN) and keeps a stable ID scheme", () => {
    const model = buildHoloLensDenyPolicyModel({
      ...input,
      packageFamilyNames: ["microsoft.windowscommunicationsapps_8wekyb3d8bbwe", "Microsoft.WindowsCommunicationsApps_8wekyb3d8bbwe"],
      fileNames: ["msedge.exe", "MSEDGE.EXE"],
    });
    expect(model.fileRules.map((r) => r.id)).toEqual(["ID_ALLOW_A_1", "ID_ALLOW_A_2", "ID_DENY_PFN_1", "ID_DENY_FILE_1"]);
  });

  it("many denies (over 16 rules, so the introsort partitions) still compile deterministically and decode to the same set", () => {
    const pfns = Array.from({ length: 30 }, (_, i) => `Contoso.App${i}_8wekyb3d8bbwe`);
    const xml = buildHoloLensDenyPolicy({ ...input, packageFamilyNames: pfns });
    const a = compileSiPolicy(xml);
    expect(hex(compileSiPolicy(xml))).toBe(hex(a));
    expect(deniedApps(decodeSiPolicy(a)).packageFamilyNames.sort()).toEqual([...pfns].sort());
  });

  it("invalid input → UserError with HF4301 diagnostics naming each bad field", () => {
    try {
      buildHoloLensDenyPolicy({ policyId: "nope", name: " ", version: "1.0", packageFamilyNames: ["Edge"], fileNames: ["C:\\x\\msedge.exe"] });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(UserError);
      const diags = (err as UserError).diagnostics;
      expect(diags.every((d) => d.code === "HF4301")).toBe(true);
      expect(diags.map((d) => d.path?.[0])).toEqual(["policyId", "version", "name", "packageFamilyNames", "fileNames"]);
    }
  });

  it("accepts a GUID without braces or in lower case, and writes it braced upper case", () => {
    expect(buildHoloLensDenyPolicyModel({ ...input, policyId: "a244370e-44c9-4c06-b551-f6016e563076" }).policyId).toBe("{A244370E-44C9-4C06-B551-F6016E563076}");
  });
});
