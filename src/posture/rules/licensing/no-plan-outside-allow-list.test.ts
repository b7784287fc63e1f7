import { findSku } from "../../../catalog/index.ts";
import { ruleTester } from "../rule-tester.ts";
import rule from "./no-plan-outside-allow-list.ts";

ruleTester.run(rule, {
  fail: [
    {
      name: "one account also got an Office 365 E3 licence directly",
      snapshot: (s) => {
        const e3 = findSku("ENTERPRISEPACK")!;
        s.subscribedSkus.push({ id: "x", skuId: e3.skuId, skuPartNumber: e3.skuPartNumber, servicePlans: e3.servicePlans.map((p) => ({ servicePlanId: p.id, servicePlanName: p.name })) });
        s.users.find((x) => x.userPrincipalName.startsWith("fabrikam-op02"))!.licenseAssignmentStates!.push({ skuId: e3.skuId, disabledPlans: [], assignedByGroup: null, state: "Active" });
      },
      subjects: ["fabrikam-op02"],
      message: "SHAREPOINTENTERPRISE",
    },
  ],
  pass: [
    {
      name: "the blueprint itself adds the SKU",
      blueprint: (y) => y.replace("isolation:", "licensing:\n  skus: [MICROSOFT_REMOTE_ASSIST, INTUNE_A, AAD_PREMIUM]\nisolation:"),
    },
  ],
});
