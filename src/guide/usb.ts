/**
 * Guide §GR-6.2 and its note: USB data off (`Connectivity/AllowUSBConnection` 0), optionally keeping
 * provisioning packages (`Security/AllowAddProvisioningPackage` 1). One table maps the blueprint's USB mode to
 * the two policy values; the compiler writes it and the audit reads a device's values back through it.
 * Both policies default to allowed (1) when no profile sets them (hololens-facts §1).
 */
import type { UsbMode } from "../blueprint/types.ts";

export interface UsbPolicyValues {
  /** `Connectivity/AllowUSBConnection`: MTP and IP over USB (charging, USB microphones and Ethernet keep working). */
  usbConnection: boolean;
  /** `Security/AllowAddProvisioningPackage`. */
  addProvisioningPackage: boolean;
}

export const USB_MODE_SETTINGS: Readonly<Record<UsbMode, UsbPolicyValues>> = {
  off: { usbConnection: false, addProvisioningPackage: false },
  "off-allow-provisioning-packages": { usbConnection: false, addProvisioningPackage: true },
  on: { usbConnection: true, addProvisioningPackage: true },
};

/**
 * The mode a device is in from its effective values (null: not configured, which is the allowed default).
 * USB data on with packages refused has no blueprint mode; it reads as `on`, the weaker of the two guarantees.
 */
export function usbModeOf(usbConnection: boolean | null, addProvisioningPackage: boolean | null): UsbMode {
  if (usbConnection ?? true) return "on";
  return (addProvisioningPackage ?? true) ? "off-allow-provisioning-packages" : "off";
}

/** Whether a PC connected over USB can copy data off the device in this mode. */
export function usbDataExposed(mode: UsbMode): boolean {
  return USB_MODE_SETTINGS[mode].usbConnection;
}
