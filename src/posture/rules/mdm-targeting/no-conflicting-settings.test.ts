import type { TenantSnapshot } from "../../snapshot/schema.ts";
import { ruleTester } from "../rule-tester.ts";
import rule from "./no-conflicting-settings.ts";

/** A second profile, assigned to a group holding only `serial`'s Entra device, that sets USB back on. */
function usbOnFor(serial: string) {
  return (s: TenantSnapshot) => {
    const md = s.managedDevices.find((d) => d.serialNumber === serial)!;
    const dev = s.devices.find((d) => d.deviceId === md.azureADDeviceId)!;
    const m = { "@odata.type": "#microsoft.graph.device", id: dev.id };
    s.groups.push({ id: "one-device", displayName: "One device", groupTypes: [], members: [m], transitiveMembers: [m] });
    s.deviceConfigurations.push({
      "@odata.type": "#microsoft.graph.windows10CustomConfiguration",
      id: "usb-on",
      displayName: "USB for support",
      omaSettings: [{ "@odata.type": "#microsoft.graph.omaSettingInteger", displayName: "USB", omaUri: "./Vendor/MSFT/Policy/Config/Connectivity/AllowUSBConnection", value: 1 }],
      assignments: [{ id: "a", target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: "one-device" } }],
    });
  };
}

ruleTester.run(rule, {
  fail: [{ name: "a support profile turns USB on for one device", snapshot: usbOnFor("HL2-0002"), subjects: ["HL2-0002"], message: "USB for support (1)" }],
  pass: [
    {
      name: "a second profile sets the same value",
      snapshot: (s) => {
        usbOnFor("HL2-0002")(s);
        s.deviceConfigurations.at(-1)!.omaSettings![0]!.value = 0;
      },
    },
  ],
});
