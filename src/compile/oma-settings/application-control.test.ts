import { describe, expect, it } from "vitest";
import { secureBlueprint } from "../testing/blueprint-fixture.ts";
import { applicationControlSettings, applicationControlUri, policyGuidSegment } from "./application-control.ts";

describe("applicationControlSettings", () => {
  it("the policy GUID without braces is the OMA-URI segment, ending in /Policy", () => {
    expect(policyGuidSegment("{a244370e-44c9-4c06-b551-f6016e563076}")).toBe("A244370E-44C9-4C06-B551-F6016E563076");
    expect(applicationControlUri("{A244370E-44C9-4C06-B551-F6016E563076}")).toBe(
      "./Vendor/MSFT/ApplicationControl/Policies/A244370E-44C9-4C06-B551-F6016E563076/Policy",
    );
  });

  it("the binary travels as Base64 (file) and decodes back to the same bytes", () => {
    const binary = new Uint8Array([7, 0, 0, 0, 0x0e, 0x37, 0x44, 0xa2, 255]);
    const [s] = applicationControlSettings(secureBlueprint().devices.appControl, binary, "policy.cip");
    expect(s!.setting["@odata.type"]).toBe("#microsoft.graph.omaSettingBase64");
    expect(s!.setting.fileName).toBe("policy.cip");
    expect(new Uint8Array(Buffer.from(s!.setting.value as string, "base64"))).toEqual(binary);
  });

  it("app control off, or no binary → no setting", () => {
    const bp = secureBlueprint({ devices: { appControl: { enabled: false } } });
    expect(applicationControlSettings(bp.devices.appControl, new Uint8Array([1]), "p.cip")).toEqual([]);
    expect(applicationControlSettings(secureBlueprint().devices.appControl, null, "p.cip")).toEqual([]);
  });
});
