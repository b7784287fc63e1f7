/**
 * Guide §GR-6.2: `Connectivity/AllowUSBConnection` 0, so a PC cannot copy data off the device. The device's
 * mode is read back through the same table the compiler writes (`guide/usb.ts`), and judged as HF2021 judges
 * the blueprint.
 */
import { usbDataExposed, usbModeOf } from "../../../guide/usb.ts";
import { defineRule, deviceOutcome } from "../define-rule.ts";
import { boolValue, GUIDE, LINKS, READS, valueText } from "../support.ts";

export const USB_NODE = "./Device/Vendor/MSFT/Policy/Config/Connectivity/AllowUSBConnection";
export const ADD_PACKAGE_NODE = "./Device/Vendor/MSFT/Policy/Config/Security/AllowAddProvisioningPackage";
export const REMOVE_PACKAGE_NODE = "./Device/Vendor/MSFT/Policy/Config/Security/AllowRemoveProvisioningPackage";

export default defineRule({
  id: "usb/no-usb-data",
  meta: {
    title: "USB data connections are off",
    concern: "usb",
    severity: "medium",
    criticality: "shall",
    version: 1,
    stage: "preview",
    guide: GUIDE.usb,
    rationale: "With USB data on, anyone at the client's site can connect a PC and copy files (captures, recordings) off the device.",
    remediation: "Set `devices.usb` to `off` or `off-allow-provisioning-packages` (the guide's note), or acknowledge `usb-on`.",
    blueprintKey: "devices.usb",
    acknowledgement: "usb-on",
    references: [LINKS.usb],
    evidence: [READS.deviceConfigurations],
    messages: {
      pass: "{device}: USB data off ({mode})",
      on: "{device}: AllowUSBConnection is {value}, so a PC can copy data off the device",
      accepted: "{device}: USB data on, accepted in the blueprint (acknowledge: usb-on)",
      unknown: "{device}: AllowUSBConnection is {value}",
    },
  },
  check(ctx) {
    return ctx.posture.devices.map((d) => {
      const v = d.config.value(USB_NODE);
      if (v.state === "opaque" || v.state === "conflict") return deviceOutcome(ctx, d, v.state === "conflict" ? "fail" : "manual", "unknown", { value: valueText(v) });
      const mode = usbModeOf(boolValue(v), boolValue(d.config.value(ADD_PACKAGE_NODE)));
      if (!usbDataExposed(mode)) return deviceOutcome(ctx, d, "pass", "pass", { mode });
      if (ctx.acknowledged("usb-on")) return deviceOutcome(ctx, d, "pass", "accepted", {}, { acknowledged: "usb-on" });
      return deviceOutcome(ctx, d, "fail", "on", { value: valueText(v) }, { actual: valueText(v), expected: 0 });
    });
  },
});
