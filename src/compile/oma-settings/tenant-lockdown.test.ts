import { describe, expect, it } from "vitest";
import { secureBlueprint } from "../testing/blueprint-fixture.ts";
import { tenantLockdownSettings } from "./tenant-lockdown.ts";

describe("tenantLockdownSettings", () => {
  it.each([true, false])("tenantLockdown %s → Boolean RequireNetworkInOOBE = %s", (on) => {
    const [s] = tenantLockdownSettings(secureBlueprint({ devices: { tenantLockdown: on } }).devices);
    expect(s!.setting).toMatchObject({
      "@odata.type": "#microsoft.graph.omaSettingBoolean",
      omaUri: "./Vendor/MSFT/TenantLockdown/RequireNetworkInOOBE",
      value: on,
    });
    expect(s!.path).toEqual(["devices", "tenantLockdown"]);
  });
});
