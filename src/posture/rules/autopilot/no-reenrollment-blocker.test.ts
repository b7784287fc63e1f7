import { ruleTester } from "../rule-tester.ts";
import rule from "./no-reenrollment-blocker.ts";

ruleTester.run(rule, {
  fail: [
    { name: "MDM user scope set to None", snapshot: (s) => (s.mobileDeviceManagementPolicies[0]!.appliesTo = "none"), subjects: ["contoso.onmicrosoft.com"], message: "MDM user scope None" },
    {
      name: "the default enrollment restriction blocks Windows",
      snapshot: (s) => {
        const r = s.deviceEnrollmentConfigurations.find((c) => c.deviceEnrollmentConfigurationType === "defaultPlatformRestrictions")!;
        (r.windowsRestriction as { platformBlocked: boolean }).platformBlocked = true;
      },
      subjects: ["contoso.onmicrosoft.com"],
      message: "blocks Windows",
    },
    { name: "Entra join disabled for everyone", snapshot: (s) => (s.deviceRegistrationPolicy!.azureADJoin!.allowedToJoin = { "@odata.type": "#microsoft.graph.noDeviceRegistrationMembership" }), subjects: ["contoso.onmicrosoft.com"], message: "no one may join" },
  ],
  pass: [{ name: "MDM scope limited to some groups", snapshot: (s) => (s.mobileDeviceManagementPolicies[0]!.appliesTo = "selected") }],
  manual: [{ name: "no device registration policy read", snapshot: (s) => (s.deviceRegistrationPolicy = null), subjects: ["contoso.onmicrosoft.com"] }],
});
