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
