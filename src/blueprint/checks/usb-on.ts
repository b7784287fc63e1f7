/** HF2021 (warning): USB data left on lets anyone copy data off the device with a PC (guide §GR-6.2). */
import { usbDataExposed } from "../../guide/usb.ts";
import { defineCheck, finding } from "./finding.ts";

export const usbOn = defineCheck(["devices.usb"], ["HF2021"], (bp, src) =>
  usbDataExposed(bp.devices.usb)
    ? [
        finding(src, ["devices", "usb"], "HF2021", "warning", {
          message: "devices.usb is on: a PC connected over USB can copy data from the device",
          why: "The guide disables USB (Connectivity/AllowUSBConnection = 0); its note keeps provisioning packages possible without it.",
          fix: "Use `off` (the default), or `off-allow-provisioning-packages` to keep provisioning over USB; or acknowledge usb-on.",
        }),
      ]
    : [],
);
