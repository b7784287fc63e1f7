import { describe, expect, it } from "vitest";
import { deniedApps } from "./denied-apps.ts";
import { buildHoloLensDenyPolicyModel } from "./hololens-deny-policy.ts";
import { emptySignerGroup, emptySiPolicyModel, type SiPolicyModel } from "./model.ts";

function policy(): SiPolicyModel {
  const m = emptySiPolicyModel({ versionEx: "1.0.0.0", platformId: "{2E07F7E4-194C-4D20-B7C9-6F44A6C5A234}" });
  m.fileRules = [
    { kind: "Deny", id: "ID_DENY_STORE", packageFamilyName: "Microsoft.WindowsStore_8wekyb3d8bbwe", packageVersion: "65535.65535.65535.65535" },
    { kind: "Deny", id: "ID_DENY_OLD_STORE", packageFamilyName: "microsoft.windowsstore_8wekyb3d8bbwe", packageVersion: "1.0.0.0" },
    { kind: "Deny", id: "ID_DENY_EDGE", fileName: "msedge.exe", packageVersion: "65535.65535.65535.65535" },
    { kind: "Deny", id: "ID_DENY_UNUSED", fileName: "notepad.exe" },
    { kind: "Deny", id: "ID_DENY_DRIVER", fileName: "bad.sys" },
    { kind: "Deny", id: "ID_DENY_PATH", filePath: "%OSDRIVE%\\Temp\\*" },
    { kind: "Allow", id: "ID_ALLOW_ALL", fileName: "*" },
  ];
  m.signingScenarios = [
    { id: "ID_SIGNINGSCENARIO_K", value: 131, inheritedScenarios: [], productSigners: { ...emptySignerGroup(), fileRuleRefs: ["ID_DENY_DRIVER", "ID_ALLOW_ALL"] } },
    {
      id: "ID_SIGNINGSCENARIO_U",
      value: 12,
      inheritedScenarios: [],
      productSigners: { ...emptySignerGroup(), fileRuleRefs: ["ID_DENY_STORE", "ID_DENY_OLD_STORE", "ID_DENY_EDGE", "ID_DENY_PATH", "ID_ALLOW_ALL"] },
    },
  ];
  return m;
}

describe("deniedApps", () => {
  it("lists package family names and file names the user-mode scenario denies, once each", () => {
    const denied = deniedApps(policy());
    expect(denied.enforced).toBe(true);
    expect(denied.packageFamilyNames).toEqual(["Microsoft.WindowsStore_8wekyb3d8bbwe"]);
    expect(denied.fileNames).toEqual(["msedge.exe"]);
  });

  it("ignores deny rules no scenario references, and reports kernel-only ones with their scenario", () => {
    const denied = deniedApps(policy());
    expect(denied.rules.map((r) => r.ruleId)).not.toContain("ID_DENY_UNUSED");
    expect(denied.rules.find((r) => r.ruleId === "ID_DENY_DRIVER")?.scenarios).toEqual([131]);
  });

  it("says whether a rule covers every version", () => {
    const byId = new Map(deniedApps(policy()).rules.map((r) => [r.ruleId, r]));
    expect(byId.get("ID_DENY_STORE")?.allVersions).toBe(true);
    expect(byId.get("ID_DENY_OLD_STORE")?.allVersions).toBe(false);
    expect(byId.get("ID_DENY_EDGE")?.allVersions).toBe(true);
  });

  it("audit mode: the rules are listed but not enforced", () => {
    const m = policy();
    m.options = ["Enabled:Audit Mode"];
    expect(deniedApps(m).enforced).toBe(false);
  });

  it("the HoloLens deny policy denies exactly what it was asked to", () => {
    const denied = deniedApps(
      buildHoloLensDenyPolicyModel({ policyId: "{A244370E-44C9-4C06-B551-F6016E563076}", name: "n", version: "1.0.0.0", packageFamilyNames: ["HoloCamera_cw5n1h2txyewy"], fileNames: ["msedge.exe"] }),
    );
    expect(denied).toMatchObject({ enforced: true, packageFamilyNames: ["HoloCamera_cw5n1h2txyewy"], fileNames: ["msedge.exe"] });
  });
});
