import { describe, expect, it } from "vitest";
import type { RestrictionSettings } from "../../blueprint/types.ts";
import { secureBlueprint } from "../testing/blueprint-fixture.ts";
import { RESTRICTION_URIS, restrictionSettings } from "./restrictions.ts";

function values(restrictions: Partial<RestrictionSettings>) {
  const bp = secureBlueprint({ devices: { restrictions } });
  return Object.fromEntries(restrictionSettings(bp.devices).map((s) => [s.setting.omaUri, s.setting.value]));
}

describe("restrictionSettings", () => {
  it("Bluetooth uses the DDF's 0 (deny) and 2 (allow), never 1", () => {
    expect(values({ allowBluetooth: true })[RESTRICTION_URIS.bluetooth]).toBe(2);
    expect(values({ allowBluetooth: false })[RESTRICTION_URIS.bluetooth]).toBe(0);
  });

  it.each([
    ["allowManualMdmUnenrollment", RESTRICTION_URIS.manualMdmUnenrollment],
    ["allowMicrosoftAccount", RESTRICTION_URIS.microsoftAccount],
    ["allowVpn", RESTRICTION_URIS.vpn],
    ["allowManualWifiConfiguration", RESTRICTION_URIS.manualWifi],
    ["allowDateTimeChange", RESTRICTION_URIS.dateTime],
  ] as const)("%s → 1 when allowed, 0 when not", (key, uri) => {
    expect(values({ [key]: true })[uri]).toBe(1);
    expect(values({ [key]: false })[uri]).toBe(0);
  });

  it("private store and captive portal are left unmanaged when null", () => {
    const v = values({ requirePrivateStoreOnly: null, captivePortalBeforeLogon: null });
    expect(v).not.toHaveProperty([RESTRICTION_URIS.privateStoreOnly]);
    expect(v).not.toHaveProperty([RESTRICTION_URIS.captivePortal]);
    const on = values({ requirePrivateStoreOnly: true, captivePortalBeforeLogon: false });
    expect(on[RESTRICTION_URIS.privateStoreOnly]).toBe(1);
    expect(on[RESTRICTION_URIS.captivePortal]).toBe(0);
  });

  it("each setting points at the blueprint key it comes from, in the schema's order", () => {
    const bp = secureBlueprint({ devices: { restrictions: { requirePrivateStoreOnly: false, captivePortalBeforeLogon: true } } });
    expect(restrictionSettings(bp.devices).map((s) => [s.path.join("."), s.setting.omaUri])).toEqual([
      ["devices.restrictions.allowManualMdmUnenrollment", RESTRICTION_URIS.manualMdmUnenrollment],
      ["devices.restrictions.allowMicrosoftAccount", RESTRICTION_URIS.microsoftAccount],
      ["devices.restrictions.allowBluetooth", RESTRICTION_URIS.bluetooth],
      ["devices.restrictions.allowVpn", RESTRICTION_URIS.vpn],
      ["devices.restrictions.allowManualWifiConfiguration", RESTRICTION_URIS.manualWifi],
      ["devices.restrictions.allowDateTimeChange", RESTRICTION_URIS.dateTime],
      ["devices.restrictions.requirePrivateStoreOnly", RESTRICTION_URIS.privateStoreOnly],
      ["devices.restrictions.captivePortalBeforeLogon", RESTRICTION_URIS.captivePortal],
    ]);
  });

  it("every setting is an integer whose description says which way the blueprint set it", () => {
    const configured = (on: boolean) => {
      const all = { allowManualMdmUnenrollment: on, allowMicrosoftAccount: on, allowBluetooth: on, allowVpn: on, allowManualWifiConfiguration: on, allowDateTimeChange: on, requirePrivateStoreOnly: on, captivePortalBeforeLogon: on };
      return restrictionSettings(secureBlueprint({ devices: { restrictions: all } }).devices).map((s) => s.setting);
    };
    const allowed = configured(true);
    const denied = configured(false);
    expect(allowed).toHaveLength(8);
    allowed.forEach((setting, i) => {
      const other = denied[i]!;
      expect(setting["@odata.type"]).toBe("#microsoft.graph.omaSettingInteger");
      expect(other.displayName).toBe(setting.displayName);
      expect(other.description).not.toBe(setting.description);
    });
    expect(allowed.find((s) => s.omaUri === RESTRICTION_URIS.manualWifi)?.description).toContain("guide §GR-9");
  });

  it("the OMA-URIs are the ones the HoloLens restriction docs list", () => {
    expect(RESTRICTION_URIS).toEqual({
      manualMdmUnenrollment: "./Device/Vendor/MSFT/Policy/Config/Experience/AllowManualMDMUnenrollment",
      microsoftAccount: "./Device/Vendor/MSFT/Policy/Config/Accounts/AllowMicrosoftAccountConnection",
      bluetooth: "./Device/Vendor/MSFT/Policy/Config/Connectivity/AllowBluetooth",
      vpn: "./Device/Vendor/MSFT/Policy/Config/Settings/AllowVPN",
      manualWifi: "./Device/Vendor/MSFT/Policy/Config/Wifi/AllowManualWiFiConfiguration",
      dateTime: "./Device/Vendor/MSFT/Policy/Config/Settings/AllowDateTime",
      privateStoreOnly: "./Device/Vendor/MSFT/Policy/Config/ApplicationManagement/RequirePrivateStoreOnly",
      captivePortal: "./Device/Vendor/MSFT/Policy/Config/MixedReality/AllowCaptivePortalBeforeLogon",
    });
  });
});
