import { ruleTester } from "../rule-tester.ts";
import rule from "./no-client-owner.ts";

ruleTester.run(rule, {
  fail: [
    {
      name: "a client account joined one device by hand and became its owner",
      snapshot: (s) => {
        const u = s.users.find((x) => x.userPrincipalName.startsWith("northwind-op01"))!;
        const md = s.managedDevices.find((d) => d.serialNumber === "HL2-0003")!;
        s.devices.find((d) => d.deviceId === md.azureADDeviceId)!.registeredOwners.push({ "@odata.type": "#microsoft.graph.user", id: u.id, userPrincipalName: u.userPrincipalName });
      },
      subjects: ["HL2-0003"],
      message: "northwind-op01",
    },
  ],
  pass: [
    {
      name: "an expert owns a device",
      snapshot: (s) => {
        const u = s.users.find((x) => x.userPrincipalName.startsWith("expert"))!;
        s.devices[0]!.registeredOwners.push({ "@odata.type": "#microsoft.graph.user", id: u.id, userPrincipalName: u.userPrincipalName });
      },
    },
  ],
  manual: [{ name: "a device missing from Entra", snapshot: (s) => s.devices.splice(0, 1), subjects: ["HL2-0001"] }],
});
