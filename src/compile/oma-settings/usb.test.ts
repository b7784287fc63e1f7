import { describe, expect, it } from "vitest";
import { secureBlueprint } from "../testing/blueprint-fixture.ts";
import { ADD_PROVISIONING_PACKAGE_URI, REMOVE_PROVISIONING_PACKAGE_URI, USB_CONNECTION_URI, usbSettings } from "./usb.ts";

const values = (bp: ReturnType<typeof secureBlueprint>) => Object.fromEntries(usbSettings(bp.devices).map((s) => [s.setting.omaUri, s.setting.value]));

describe("usbSettings", () => {
  it.each([
    ["off", 0, 0],
    ["off-allow-provisioning-packages", 0, 1],
    ["on", 1, 1],
  ] as const)("usb %s → AllowUSBConnection %i, AllowAddProvisioningPackage %i", (usb, usbValue, addValue) => {
    const v = values(secureBlueprint({ devices: { usb } }));
    expect(v[USB_CONNECTION_URI]).toBe(usbValue);
    expect(v[ADD_PROVISIONING_PACKAGE_URI]).toBe(addValue);
  });

  it("AllowRemoveProvisioningPackage follows restrictions.allowRemoveProvisioningPackage", () => {
    expect(values(secureBlueprint({ devices: { restrictions: { allowRemoveProvisioningPackage: false } } }))[REMOVE_PROVISIONING_PACKAGE_URI]).toBe(0);
    expect(values(secureBlueprint({ devices: { restrictions: { allowRemoveProvisioningPackage: true } } }))[REMOVE_PROVISIONING_PACKAGE_URI]).toBe(1);
  });

  it("integer settings on the device-scope Policy CSP, each traced to its blueprint key", () => {
    const settings = usbSettings(secureBlueprint().devices);
    expect(settings.map((s) => [s.setting["@odata.type"], s.path.join(".")])).toEqual([
      ["#microsoft.graph.omaSettingInteger", "devices.usb"],
      ["#microsoft.graph.omaSettingInteger", "devices.usb"],
      ["#microsoft.graph.omaSettingInteger", "devices.restrictions.allowRemoveProvisioningPackage"],
    ]);
    expect(USB_CONNECTION_URI).toBe("./Device/Vendor/MSFT/Policy/Config/Connectivity/AllowUSBConnection");
    expect(ADD_PROVISIONING_PACKAGE_URI).toBe("./Device/Vendor/MSFT/Policy/Config/Security/AllowAddProvisioningPackage");
  });
});
