import { describe, expect, it } from "vitest";
import { compileAppControlPolicy } from "./app-control-policy.ts";
import { appControlSteps } from "./app-control-steps.ts";
import { defaultCatalog } from "./catalog-port.ts";
import { secureBlueprint } from "./testing/blueprint-fixture.ts";

describe("appControlSteps", () => {
  const bp = secureBlueprint({ devices: { appControl: { blockApps: ["store"], blockBrowser: true } } });
  const steps = appControlSteps(bp, compileAppControlPolicy(bp, defaultCatalog));

  it("lists every denied package family name and file name", () => {
    expect(steps).toContain("| package family name (all versions) | `Microsoft.WindowsStore_8wekyb3d8bbwe` |");
    expect(steps).toContain("| file name (all versions) | `msedge.exe` |");
  });

  it("names the OMA-URI with the policy GUID, the Base64 file, the reboot and the PolicyInfo checks", () => {
    expect(steps).toContain("`./Vendor/MSFT/ApplicationControl/Policies/A244370E-44C9-4C06-B551-F6016E563076/Policy`");
    expect(steps).toContain("Base64 (file); upload `A244370E-44C9-4C06-B551-F6016E563076.cip`");
    expect(steps).toContain("**reboot**");
    expect(steps).toContain("PolicyInfo/");
    expect(steps).toContain("ConvertFrom-CIPolicy -XmlFilePath .\\A244370E-44C9-4C06-B551-F6016E563076.xml");
  });
});
