import { describe, expect, it } from "vitest";
import { compileSiPolicy } from "./compile.ts";
import { SiPolicyModelError, SiPolicyXmlError } from "./errors.ts";
import { buildHoloLensDenyPolicy, buildHoloLensDenyPolicyModel } from "./hololens-deny-policy.ts";

const input = { policyId: "{A244370E-44C9-4C06-B551-F6016E563076}", name: "n", version: "1.0.0.0", packageFamilyNames: ["HoloCamera_cw5n1h2txyewy"], fileNames: ["msedge.exe"] };

describe("compileSiPolicy", () => {
  it("XML and the model it describes compile to the same bytes, deterministically", () => {
    const fromXml = compileSiPolicy(buildHoloLensDenyPolicy(input));
    const fromModel = compileSiPolicy(buildHoloLensDenyPolicyModel(input));
    expect(Buffer.from(fromXml).equals(Buffer.from(fromModel))).toBe(true);
    expect(Buffer.from(compileSiPolicy(buildHoloLensDenyPolicy(input))).equals(Buffer.from(fromXml))).toBe(true);
  });

  it("invalid XML → SiPolicyXmlError with the file's located diagnostics", () => {
    const xml = buildHoloLensDenyPolicy(input).replace('RuleID="ID_DENY_PFN_1"', 'RuleID="ID_DENY_MISSING"');
    try {
      compileSiPolicy(xml, { file: "hl.xml" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(SiPolicyXmlError);
      expect((err as SiPolicyXmlError).diagnostics[0]).toMatchObject({ code: "HF4102", source: { file: "hl.xml" } });
    }
  });

  it("a model with a dangling reference → SiPolicyModelError naming it", () => {
    const model = buildHoloLensDenyPolicyModel(input);
    model.signingScenarios[1]!.productSigners.fileRuleRefs.push("ID_DENY_NOWHERE");
    expect(() => compileSiPolicy(model)).toThrow(SiPolicyModelError);
    expect(() => compileSiPolicy(model)).toThrow(/ID_DENY_NOWHERE/);
  });
});
