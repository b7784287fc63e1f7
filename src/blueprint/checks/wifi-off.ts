/**
 * HF2052: Wifi/AllowWiFi = 0. A loaned HoloLens 2 reaches Entra, Intune and the experts over Wi‑Fi (guide
 * §GR-9 keeps the network pages so clients can join their site's guest network); with the radio off only a
 * USB Ethernet adapter could connect it (hololens-common-device-restrictions: Ethernet adapters keep working
 * under the USB and storage restrictions), and tenant lockdown needs a network in OOBE after a reset
 * (hololens-facts §8). An error unless the file acknowledges `wifi-off`.
 */
import { defineCheck, finding } from "./finding.ts";

export const wifiOff = defineCheck(["devices.restrictions"], ["HF2052"], (bp, src) =>
  bp.devices.restrictions.allowWifi
    ? []
    : [
        finding(src, ["devices", "restrictions", "allowWifi"], "HF2052", "error", {
          message: "devices.restrictions.allowWifi is false: the device has no Wi‑Fi to reach the tenant, Intune or the experts",
          why: "At a client site the device connects over Wi‑Fi; without it, calls, policy and app updates stop, and a device reset there cannot get through OOBE.",
          fix: "Keep allowWifi: true (the default); acknowledge wifi-off only if every device has a USB Ethernet adapter on a network that reaches Microsoft 365.",
        }),
      ],
);
