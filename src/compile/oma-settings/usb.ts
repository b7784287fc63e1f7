/**
 * Guide §GR-6.2 and its note: USB data and provisioning packages.
 * `Connectivity/AllowUSBConnection` int 0/1 turns off MTP and IP-over-USB (charging, USB microphones and
 * Ethernet adapters keep working); `Security/AllowAddProvisioningPackage` and
 * `Security/AllowRemoveProvisioningPackage` int 0/1 (20H2+) (hololens-facts §8, §13).
 */
import type { DevicesSection } from "../../blueprint/types.ts";
import { USB_MODE_SETTINGS } from "../../guide/usb.ts";
import { allowInt, omaInteger, POLICY_CONFIG, type SourcedOmaSetting } from "./oma-setting.ts";

export const USB_CONNECTION_URI = `${POLICY_CONFIG}/Connectivity/AllowUSBConnection`;
export const ADD_PROVISIONING_PACKAGE_URI = `${POLICY_CONFIG}/Security/AllowAddProvisioningPackage`;
export const REMOVE_PROVISIONING_PACKAGE_URI = `${POLICY_CONFIG}/Security/AllowRemoveProvisioningPackage`;

export function usbSettings(devices: DevicesSection): SourcedOmaSetting[] {
  // "off" also stops clients from re-provisioning the device with a package of their own; the
  // guide's note keeps packages possible ("off-allow-provisioning-packages").
  const { usbConnection: usbAllowed, addProvisioningPackage: addPackagesAllowed } = USB_MODE_SETTINGS[devices.usb];
  return [
    {
      path: ["devices", "usb"],
      setting: omaInteger(
        "USB data connection",
        usbAllowed ? "USB data allowed." : "No file copy or IP over USB to a PC (guide §GR-6.2); charging still works.",
        USB_CONNECTION_URI,
        allowInt(usbAllowed),
      ),
    },
    {
      path: ["devices", "usb"],
      setting: omaInteger(
        "Add provisioning packages",
        addPackagesAllowed
          ? "Provisioning packages can still be applied (guide §GR-6.2 note)."
          : "Clients cannot apply provisioning packages.",
        ADD_PROVISIONING_PACKAGE_URI,
        allowInt(addPackagesAllowed),
      ),
    },
    {
      path: ["devices", "restrictions", "allowRemoveProvisioningPackage"],
      setting: omaInteger(
        "Remove provisioning packages",
        devices.restrictions.allowRemoveProvisioningPackage
          ? "Provisioning packages can be removed."
          : "Clients cannot remove the provisioning packages that configure the device (guide §GR-11).",
        REMOVE_PROVISIONING_PACKAGE_URI,
        allowInt(devices.restrictions.allowRemoveProvisioningPackage),
      ),
    },
  ];
}
