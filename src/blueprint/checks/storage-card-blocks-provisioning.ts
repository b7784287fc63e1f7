/**
 * HF2053 (warning): System/AllowStorageCard = 0 while devices.usb still lets provisioning packages be added.
 * The policy also disables USB drives, so once it applies no package can be read from USB; applied from a
 * package during OOBE, it stops every later package on the same drive (hololens-common-device-restrictions,
 * "Policy interactions and expectations"; hololens-facts §8).
 */
import { defineCheck, finding } from "./finding.ts";

export const storageCardBlocksProvisioning = defineCheck(["devices.restrictions", "devices.usb"], ["HF2053"], (bp, src) => {
  const { restrictions, usb } = bp.devices;
  // With `usb: off` packages are refused anyway (Security/AllowAddProvisioningPackage = 0).
  if (restrictions.allowStorageCard || usb === "off") return [];
  return [
    finding(src, ["devices", "restrictions", "allowStorageCard"], "HF2053", "warning", {
      message: `devices.restrictions.allowStorageCard is false, so provisioning packages cannot be read from USB although devices.usb (${usb}) allows them`,
      why: "AllowStorageCard = 0 disables USB drives too: after it applies, a package on a USB drive is never read; set from a package in OOBE, it stops the packages after it on the same drive.",
      fix: "Keep allowStorageCard: true to provision over USB, or set devices.usb: off if packages are not used; put AllowStorageCard in the last package of a USB provisioning run.",
    }),
  ];
});
