import { ruleTester } from "../rule-tester.ts";
import rule from "./no-shared-device-across-clients.ts";

ruleTester.run(rule, {
  fail: [
    {
      name: "a Fabrikam device signed in by a Northwind account",
      snapshot: (s) => {
        const u = s.users.find((x) => x.userPrincipalName.startsWith("northwind-op01"))!;
        Object.assign(s.managedDevices.find((d) => d.serialNumber === "HL2-0001")!, { userId: u.id, userPrincipalName: u.userPrincipalName });
      },
      subjects: ["HL2-0001"],
      message: "signed in by northwind-op01",
    },
  ],
});
