import { ALL_DEVICES } from "../../testing/fixtures.ts";
import { ruleTester } from "../rule-tester.ts";
import rule from "./require-provisioning-package-policy.ts";

ruleTester.run(rule, {
  fail: [
    {
      name: "removing provisioning packages allowed in the portal",
      snapshot: (s) => (s.deviceConfigurations.find((c) => c.displayName.endsWith("restrictions"))!.omaSettings!.find((o) => o.omaUri.endsWith("AllowRemoveProvisioningPackage"))!.value = 1),
      subjects: ALL_DEVICES,
      message: "AllowRemoveProvisioningPackage is 1",
    },
    {
      name: "the add-package policy removed (packages allowed by default)",
      snapshot: (s) => {
        const p = s.deviceConfigurations.find((c) => c.displayName.endsWith("restrictions"))!;
        p.omaSettings = p.omaSettings!.filter((o) => !o.omaUri.endsWith("AllowAddProvisioningPackage"));
      },
      subjects: ALL_DEVICES,
      message: "AllowAddProvisioningPackage is not set",
    },
  ],
});
