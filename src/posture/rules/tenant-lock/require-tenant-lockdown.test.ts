import { ruleTester } from "../rule-tester.ts";
import rule from "./require-tenant-lockdown.ts";

ruleTester.run(rule, {
  fail: [
    {
      name: "an admin set lockdown false in the restrictions profile",
      snapshot: (s) => {
        const p = s.deviceConfigurations.find((c) => c.displayName.endsWith("restrictions"))!;
        p.omaSettings!.find((o) => o.omaUri.includes("TenantLockdown"))!.value = false;
      },
      subjects: ["HL2-0001", "HL2-0002", "HL2-0003"],
      message: "false",
    },
    {
      name: "the setting removed from the profile",
      snapshot: (s) => {
        const p = s.deviceConfigurations.find((c) => c.displayName.endsWith("restrictions"))!;
        p.omaSettings = p.omaSettings!.filter((o) => !o.omaUri.includes("TenantLockdown"));
      },
      subjects: ["HL2-0001", "HL2-0002", "HL2-0003"],
      message: "not set",
    },
  ],
});
