import type { TenantSnapshot } from "../../snapshot/schema.ts";
import { ALL_DEVICES } from "../../testing/fixtures.ts";
import { ruleTester } from "../rule-tester.ts";
import rule from "./no-usb-data.ts";

const setUsb = (value: number) => (s: TenantSnapshot) => {
  s.deviceConfigurations.find((c) => c.displayName.endsWith("restrictions"))!.omaSettings!.find((o) => o.omaUri.endsWith("AllowUSBConnection"))!.value = value;
};

ruleTester.run(rule, {
  fail: [
    { name: "USB turned back on in the restrictions profile", snapshot: setUsb(1), subjects: ALL_DEVICES, message: "is 1" },
    {
      name: "the USB setting removed (the OS default allows USB)",
      snapshot: (s) => {
        const p = s.deviceConfigurations.find((c) => c.displayName.endsWith("restrictions"))!;
        p.omaSettings = p.omaSettings!.filter((o) => !o.omaUri.endsWith("AllowUSBConnection"));
      },
      subjects: ALL_DEVICES,
      message: "not set",
    },
  ],
  pass: [{ name: "USB on and acknowledged", blueprint: (y) => y.replace("isolation:", "acknowledge: [usb-on]\nisolation:").replace("  autopilot:", "  usb: on\n  autopilot:") }],
});
