import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../diag/diagnostic.ts";
import { readSiPolicyXml } from "./xml-read.ts";

const HEADER = `<?xml version="1.0" encoding="utf-8"?>
<SiPolicy xmlns="urn:schemas-microsoft-com:sipolicy" PolicyType="Base Policy">
  <VersionEx>10.0.0.0</VersionEx>
  <PolicyID>{A244370E-44C9-4C06-B551-F6016E563076}</PolicyID>
  <BasePolicyID>{A244370E-44C9-4C06-B551-F6016E563076}</BasePolicyID>
  <PlatformID>{2E07F7E4-194C-4D20-B7C9-6F44A6C5A234}</PlatformID>
  <Rules><Rule><Option>Enabled:Unsigned System Integrity Policy</Option></Rule></Rules>
`;
const policy = (body: string): string => `${HEADER}${body}\n</SiPolicy>\n`;
const lines = (xml: string): string[] => readSiPolicyXml(xml, "p.xml").diagnostics.map(formatDiagnostic);

describe("readSiPolicyXml", () => {
  it("reads rules, scenarios and settings into the model in document order", () => {
    const { model, diagnostics } = readSiPolicyXml(
      policy(`  <FileRules>
    <Deny ID="ID_DENY_B" FileName="b.exe" />
    <Allow ID="ID_ALLOW_A" FileName="*" />
  </FileRules>
  <SigningScenarios>
    <SigningScenario Value="12" ID="ID_SIGNINGSCENARIO_U">
      <ProductSigners><FileRulesRef><FileRuleRef RuleID="ID_DENY_B" /><FileRuleRef RuleID="ID_ALLOW_A" /></FileRulesRef></ProductSigners>
    </SigningScenario>
  </SigningScenarios>
  <Settings><Setting Provider="PolicyInfo" Key="Information" ValueName="Name"><Value><String> A &amp; B </String></Value></Setting></Settings>`),
      "p.xml",
    );
    expect(diagnostics).toEqual([]);
    expect(model!.fileRules.map((r) => r.id)).toEqual(["ID_DENY_B", "ID_ALLOW_A"]);
    expect(model!.signingScenarios[0]!.productSigners.fileRuleRefs).toEqual(["ID_DENY_B", "ID_ALLOW_A"]);
    expect(model!.settings[0]!.value).toEqual({ type: "String", value: " A & B " });
  });

  it("not well-formed → HF4001 at the line and column", () => {
    expect(lines("<SiPolicy>\n  <Rules>\n</SiPolicy>")).toEqual([expect.stringMatching(/^p\.xml:3:\d+  HF4001  /)]);
  });

  it("another root element → HF4003", () => {
    expect(lines('<?xml version="1.0"?>\n<AssignedAccessConfiguration />')[0]).toMatch(/^p\.xml:2:1  HF4003/);
  });

  it("duplicate IDs, undefined and wrong-kind references are located at their element", () => {
    const xml = policy(`  <FileRules>
    <Deny ID="ID_DENY_X" FileName="x.exe" />
    <Deny ID="ID_DENY_X" FileName="y.exe" />
    <Allow ID="ID_ALLOW_A" FileName="*" />
  </FileRules>
  <Signers>
    <Signer ID="ID_SIGNER_S" Name="s"><CertRoot Type="TBS" Value="AB" /><CertEKU ID="ID_EKU_NONE" /><FileAttribRef RuleID="ID_ALLOW_A" /></Signer>
  </Signers>
  <SigningScenarios>
    <SigningScenario Value="12" ID="ID_SIGNINGSCENARIO_U">
      <ProductSigners>
        <AllowedSigners><AllowedSigner SignerId="ID_SIGNER_S"><ExceptDenyRule DenyRuleID="ID_ALLOW_A" /></AllowedSigner></AllowedSigners>
        <FileRulesRef><FileRuleRef RuleID="ID_DENY_GONE" /></FileRulesRef>
      </ProductSigners>
    </SigningScenario>
  </SigningScenarios>
  <UpdatePolicySigners><UpdatePolicySigner SignerId="ID_SIGNER_NOBODY" /></UpdatePolicySigners>`);
    expect(lines(xml)).toEqual([
      "p.xml:10:5  HF4101  ID ID_DENY_X is already used by a file rule",
      "p.xml:14:73  HF4102  CertEKU ID_EKU_NONE is not an EKU this policy defines",
      "p.xml:14:101  HF4103  FileAttribRef ID_ALLOW_A is an Allow rule; it must be FileAttrib",
      "p.xml:20:23  HF4102  FileRuleRef ID_DENY_GONE is not a file rule this policy defines",
      "p.xml:19:63  HF4103  ExceptDenyRule ID_ALLOW_A is an Allow rule; it must be Deny",
      "p.xml:24:24  HF4102  UpdatePolicySigner ID_SIGNER_NOBODY is not a signer this policy defines",
    ]);
  });

  it("bad version, GUID, hex, option, setting value → their own codes", () => {
    const xml = `<SiPolicy xmlns="urn:schemas-microsoft-com:sipolicy">
  <VersionEx>10.0</VersionEx>
  <PlatformID>2E07F7E4-194C-4D20-B7C9-6F44A6C5A234</PlatformID>
  <Rules><Rule><Option>Enabled:Everything</Option></Rule></Rules>
  <FileRules><Allow ID="ID_ALLOW_H" Hash="ABC" /><Deny ID="ID_DENY_V" FileName="v" MinimumFileVersion="2.0.0.0" MaximumFileVersion="1.0.0.0" /></FileRules>
  <Settings><Setting Provider="P" Key="K" ValueName="V"><Value><Boolean>yes</Boolean></Value></Setting></Settings>
</SiPolicy>`;
    const codes = readSiPolicyXml(xml, "p.xml").diagnostics.map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining(["HF4104", "HF4105", "HF4107", "HF4106", "HF4111", "HF4108"]));
    expect(readSiPolicyXml(xml, "p.xml").model).toBeUndefined();
  });

  it("warns (does not fail) on checks Microsoft's tooling appears to enforce", () => {
    const { model, diagnostics } = readSiPolicyXml(
      `<SiPolicy xmlns="urn:schemas-microsoft-com:sipolicy" PolicyType="Supplemental Policy">
  <VersionEx>1.0.0.0</VersionEx>
  <PlatformID>{2E07F7E4-194C-4D20-B7C9-6F44A6C5A234}</PlatformID>
  <Rules><Rule><Option>Enabled:Allow Supplemental Policies</Option></Rule></Rules>
  <FileRules><Allow ID="ID_ALLOW_NOTHING" FriendlyName="matches nothing" /><Allow ID="ID_ALLOW_BOTH" FileName="a" Hash="AB" /></FileRules>
</SiPolicy>`,
      "p.xml",
    );
    expect(model).toBeDefined();
    expect(diagnostics.every((d) => d.severity === "warning")).toBe(true);
    expect(diagnostics.map((d) => d.code).sort()).toEqual(["HF4110", "HF4110", "HF4112", "HF4113"]);
  });

  it("AppIDs: macro references must be defined and not mixed with text", () => {
    const xml = policy(`  <FileRules><Allow ID="ID_ALLOW_M" FileName="m" AppIDs="$(known)$(unknown)" /><Allow ID="ID_ALLOW_X" FileName="x" AppIDs="$(known)tail" /></FileRules>
  <Macros><Macro Id="known" Value="v" /></Macros>`);
    expect(lines(xml).map((l) => l.replace(/^\S+\s+/, ""))).toEqual([
      "HF4114  AppIDs uses macro $(unknown), which <Macros> does not define",
      "HF4114  AppIDs \"$(known)tail\" mixes macro references and text",
    ]);
  });

  it("positions stay right with a UTF-8 BOM and CRLF line ends", () => {
    const xml = "\uFEFF" + policy('  <FileRules>\r\n    <Deny ID="ID_DENY_X" FileName="x" />\r\n    <Deny ID="ID_DENY_X" FileName="y" />\r\n  </FileRules>');
    expect(lines(xml)).toEqual(["p.xml:10:5  HF4101  ID ID_DENY_X is already used by a file rule"]);
  });
});

describe("readSiPolicyXml fuzz", () => {
  it("random edits of a valid policy never throw; whatever it accepts, the encoder can encode (seeded, bounded)", async () => {
    const { buildHoloLensDenyPolicy } = await import("./hololens-deny-policy.ts");
    const { encodeSiPolicy } = await import("./encode.ts");
    const valid = buildHoloLensDenyPolicy({
      policyId: "{A244370E-44C9-4C06-B551-F6016E563076}",
      name: "fuzz",
      version: "1.0.0.0",
      packageFamilyNames: ["Microsoft.WindowsStore_8wekyb3d8bbwe"],
      fileNames: ["msedge.exe"],
    });
    let seed = 42;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed % n;
    };
    const pieces = ["<", ">", "/", '"', "&", "&amp;", "ID_DENY_PFN_1", "ID_ALLOW_A_1", "65535", ".", "{", "}", "<Deny ID=\"ID_DENY_X\" />", "\n", "Value=\"12\"", "<!DOCTYPE x>", "]]>"];
    let accepted = 0;
    for (let i = 0; i < 600; i++) {
      let xml = valid;
      for (let e = 0, n = 1 + rand(3); e < n; e++) {
        const at = rand(xml.length);
        xml = rand(2) === 0 ? xml.slice(0, at) + xml.slice(at + 1 + rand(12)) : xml.slice(0, at) + pieces[rand(pieces.length)] + xml.slice(at);
      }
      const { model, diagnostics } = readSiPolicyXml(xml, "fuzz.xml");
      for (const d of diagnostics) expect(d.source?.start.line).toBeGreaterThan(0);
      if (model) {
        accepted++;
        encodeSiPolicy(model);
      }
    }
    expect(accepted).toBeGreaterThan(0);
  });
});
