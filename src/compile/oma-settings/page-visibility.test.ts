import { describe, expect, it } from "vitest";
import { secureBlueprint } from "../testing/blueprint-fixture.ts";
import { PAGE_VISIBILITY_URI, pageVisibilitySettings, pageVisibilityValue } from "./page-visibility.ts";

describe("pageVisibilitySettings", () => {
  it("showonly: followed by ;-separated page ids, sorted and de-duplicated", () => {
    expect(pageVisibilityValue("showonly", ["network-wifi", "network-vpn", "network-wifi"])).toBe("showonly:network-vpn;network-wifi");
    expect(pageVisibilityValue("hide", ["reset"])).toBe("hide:reset");
  });

  it("the default network pages → one String setting on the device-scope Settings policy", () => {
    const [s, ...rest] = pageVisibilitySettings(secureBlueprint().devices);
    expect(rest).toEqual([]);
    expect(s!.setting).toMatchObject({
      "@odata.type": "#microsoft.graph.omaSettingString",
      omaUri: "./Device/Vendor/MSFT/Policy/Config/Settings/PageVisibilityList",
      value: "showonly:network-airplanemode;network-status;network-vpn;network-wifi;network-wifisettings;wifi-provisioning",
    });
    expect(s!.path).toEqual(["devices", "settingsPages"]);
    expect(PAGE_VISIBILITY_URI).toBe(s!.setting.omaUri);
  });

  it("page order does not change the value", () => {
    const a = pageVisibilitySettings(secureBlueprint({ devices: { settingsPages: { mode: "showonly", pages: ["network-wifi", "network-vpn"] } } }).devices);
    const b = pageVisibilitySettings(secureBlueprint({ devices: { settingsPages: { mode: "showonly", pages: ["network-vpn", "network-wifi"] } } }).devices);
    expect(a).toEqual(b);
  });

  it("hide with no pages → nothing to manage", () => {
    expect(pageVisibilitySettings(secureBlueprint({ devices: { settingsPages: { mode: "hide", pages: [] } } }).devices)).toEqual([]);
  });
});
