import { describe, expect, it } from "vitest";
import { SiPolicyModelError } from "./errors.ts";
import { buildHoloLensDenyPolicyModel } from "./hololens-deny-policy.ts";
import { emptySiPolicyModel } from "./model.ts";
import { parseSiPolicyXml } from "./parse.ts";
import { readSiPolicyXml } from "./xml-read.ts";
import { siPolicyModelToXml } from "./xml-write.ts";

const base = () => emptySiPolicyModel({ versionEx: "1.0.0.0", platformId: "{2E07F7E4-194C-4D20-B7C9-6F44A6C5A234}" });

describe("siPolicyModelToXml", () => {
  it("read ∘ write is the identity on a model", () => {
    const model = buildHoloLensDenyPolicyModel({
      policyId: "{A244370E-44C9-4C06-B551-F6016E563076}",
      name: "x",
      version: "1.0.0.0",
      packageFamilyNames: ["Microsoft.WindowsStore_8wekyb3d8bbwe"],
      fileNames: ["msedge.exe"],
    });
    expect(readSiPolicyXml(siPolicyModelToXml(model), "m.xml").model).toEqual(model);
  });

  it("escapes markup and keeps tabs, line breaks and carriage returns in values", () => {
    const model = base();
    model.options = ["Enabled:Unsigned System Integrity Policy"];
    model.fileRules = [{ kind: "Deny", id: "ID_DENY_Q", fileName: 'a"<b>&\tc\nd\re' }];
    model.settings = [{ provider: "P<", key: "K&", valueName: "V", value: { type: "String", value: " x\r\ny <z> " } }];
    const back = readSiPolicyXml(siPolicyModelToXml(model), "m.xml").model!;
    expect(back.fileRules[0]!.fileName).toBe('a"<b>&\tc\nd\re');
    expect(back.settings[0]).toEqual(model.settings[0]);
  });

  it("leaves out lists whose schema needs at least one item, so an empty policy still validates", async () => {
    const model = base();
    model.options = ["Enabled:Unsigned System Integrity Policy"];
    model.signingScenarios = [{ id: "ID_SIGNINGSCENARIO_E", value: 12, inheritedScenarios: [], productSigners: { allowedSigners: [], deniedSigners: [], fileRuleRefs: [] } }];
    const xml = siPolicyModelToXml(model);
    expect(xml).toContain("<ProductSigners />");
    expect(xml).not.toContain("<Macros");
    expect((await parseSiPolicyXml(xml, "empty.xml")).diagnostics).toEqual([]);
  });

  it("a string XML cannot carry (a control character) → SiPolicyModelError, not broken XML", () => {
    const model = base();
    model.fileRules = [{ kind: "Deny", id: "ID_DENY_C", fileName: "bad\u0001name" }];
    expect(() => siPolicyModelToXml(model)).toThrow(SiPolicyModelError);
  });

  it("notes option bits no option name maps to", () => {
    const model = { ...base(), unknownOptionBits: 0x1000 };
    expect(siPolicyModelToXml(model)).toContain("0x1000");
  });
});
