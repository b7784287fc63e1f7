import { describe, expect, it } from "vitest";
import type { RestrictionSettings } from "../../blueprint/types.ts";
import { defaultCatalog } from "../catalog-port.ts";
import { secureBlueprint } from "../testing/blueprint-fixture.ts";
import { checkOmaSetting } from "./check-oma-setting.ts";
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
    ["allowWifi", RESTRICTION_URIS.wifi],
    ["allowStorageCard", RESTRICTION_URIS.storageCard],
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
      ["devices.restrictions.allowWifi", RESTRICTION_URIS.wifi],
      ["devices.restrictions.allowStorageCard", RESTRICTION_URIS.storageCard],
    ]);
  });

  it("every setting is an integer whose description says which way the blueprint set it", () => {
    const configured = (on: boolean) => {
      const all = { allowManualMdmUnenrollment: on, allowMicrosoftAccount: on, allowBluetooth: on, allowVpn: on, allowManualWifiConfiguration: on, allowDateTimeChange: on, requirePrivateStoreOnly: on, captivePortalBeforeLogon: on, allowWifi: on, allowStorageCard: on };
      return restrictionSettings(secureBlueprint({ devices: { restrictions: all } }).devices).map((s) => s.setting);
    };
    const allowed = configured(true);
    const denied = configured(false);
    expect(allowed).toHaveLength(10);
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
      wifi: "./Device/Vendor/MSFT/Policy/Config/Wifi/AllowWiFi",
      camera: "./Device/Vendor/MSFT/Policy/Config/Privacy/LetAppsAccessCamera",
      microphone: "./Device/Vendor/MSFT/Policy/Config/Privacy/LetAppsAccessMicrophone",
      displayOffOnBattery: "./Device/Vendor/MSFT/Policy/Config/Power/DisplayOffTimeoutOnBattery",
      standbyOnBattery: "./Device/Vendor/MSFT/Policy/Config/Power/StandbyTimeoutOnBattery",
      displayOffPluggedIn: "./Device/Vendor/MSFT/Policy/Config/Power/DisplayOffTimeoutPluggedIn",
      standbyPluggedIn: "./Device/Vendor/MSFT/Policy/Config/Power/StandbyTimeoutPluggedIn",
      storageCard: "./Device/Vendor/MSFT/Policy/Config/System/AllowStorageCard",
    });
  });

  it.each([
    ["user-in-control", 0],
    ["force-allow", 1],
    ["force-deny", 2],
  ] as const)("camera and microphone %s → Privacy DDF value %i; null leaves both unmanaged", (access, value) => {
    const v = values({ letAppsAccessCamera: access, letAppsAccessMicrophone: access });
    expect(v[RESTRICTION_URIS.camera]).toBe(value);
    expect(v[RESTRICTION_URIS.microphone]).toBe(value);
    const unmanaged = values({ letAppsAccessCamera: null, letAppsAccessMicrophone: null });
    expect(unmanaged).not.toHaveProperty([RESTRICTION_URIS.camera]);
    expect(unmanaged).not.toHaveProperty([RESTRICTION_URIS.microphone]);
  });

  it("display timeouts → ADMX payloads with the release notes' data ids, standby set to the same seconds", () => {
    const bp = secureBlueprint({ devices: { restrictions: { displayOffTimeoutOnBattery: 120, displayOffTimeoutPluggedIn: 900 } } });
    const settings = restrictionSettings(bp.devices).filter((s) => s.setting.omaUri.includes("/Power/"));
    expect(settings.map((s) => [s.path.join("."), s.setting["@odata.type"], s.setting.omaUri.split("/").pop(), s.setting.value])).toEqual([
      ["devices.restrictions.displayOffTimeoutOnBattery", "#microsoft.graph.omaSettingString", "DisplayOffTimeoutOnBattery", '<enabled/><data id="EnterVideoDCPowerDownTimeOut" value="120"/>'],
      ["devices.restrictions.displayOffTimeoutOnBattery", "#microsoft.graph.omaSettingString", "StandbyTimeoutOnBattery", '<enabled/><data id="EnterDCStandbyTimeOut" value="120"/>'],
      ["devices.restrictions.displayOffTimeoutPluggedIn", "#microsoft.graph.omaSettingString", "DisplayOffTimeoutPluggedIn", '<enabled/><data id="EnterVideoACPowerDownTimeOut" value="900"/>'],
      ["devices.restrictions.displayOffTimeoutPluggedIn", "#microsoft.graph.omaSettingString", "StandbyTimeoutPluggedIn", '<enabled/><data id="EnterACStandbyTimeOut" value="900"/>'],
    ]);
    expect(values({})).not.toHaveProperty([RESTRICTION_URIS.displayOffOnBattery]);
  });

  it("every new restriction, each way, passes the DDF catalog at the oldest supported baseline (19041.1128)", () => {
    const all = (wifi: boolean, access: "user-in-control" | "force-allow" | "force-deny") =>
      restrictionSettings(
        secureBlueprint({
          devices: {
            restrictions: {
              allowWifi: wifi,
              allowStorageCard: wifi,
              letAppsAccessCamera: access,
              letAppsAccessMicrophone: access,
              displayOffTimeoutOnBattery: 60,
              displayOffTimeoutPluggedIn: 4294967295,
              captivePortalBeforeLogon: null,
            },
          },
        }).devices,
      );
    for (const [wifi, access] of [[true, "force-allow"], [false, "force-deny"], [true, "user-in-control"]] as const) {
      const settings = all(wifi, access);
      expect(settings.length).toBe(14);
      expect(settings.flatMap((s) => checkOmaSetting(s.setting, "19041.1128", defaultCatalog))).toEqual([]);
    }
  });

  it("Wi-Fi is checked against its 20H2 minimum: an older baseline gets HF3006", () => {
    const wifi = restrictionSettings(secureBlueprint().devices).find((s) => s.setting.omaUri === RESTRICTION_URIS.wifi)!;
    expect(checkOmaSetting(wifi.setting, "18362.1039", defaultCatalog).map((d) => d.code)).toEqual(["HF3006"]);
  });
});
