import { ruleTester } from "../rule-tester.ts";
import rule from "./require-group-licensing.ts";

ruleTester.run(rule, {
  fail: [
    {
      name: "an admin assigned Remote Assist directly to one account",
      snapshot: (s) => {
        const u = s.users.find((x) => x.userPrincipalName.startsWith("fabrikam-op01"))!;
        const ra = s.subscribedSkus.find((k) => k.skuPartNumber === "MICROSOFT_REMOTE_ASSIST")!.skuId;
        u.licenseAssignmentStates!.push({ skuId: ra, disabledPlans: [], assignedByGroup: null, state: "Active", error: "None" });
      },
      subjects: ["fabrikam-op01"],
      message: "MICROSOFT_REMOTE_ASSIST assigned directly",
    },
  ],
  not_applicable: [{ name: "an account with no licence", snapshot: (s) => { const u = s.users.find((x) => x.userPrincipalName.startsWith("northwind"))!; u.licenseAssignmentStates = []; u.assignedLicenses = []; }, subjects: ["northwind-op01"] }],
});
