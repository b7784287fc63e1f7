import { findSku } from "../../../catalog/index.ts";
import { ruleTester } from "../rule-tester.ts";
import rule from "./no-company-resource-plans.ts";

ruleTester.run(rule, {
  fail: [
    {
      name: "one account given an Exchange Online (Plan 1) licence — a mailbox",
      snapshot: (s) => {
        const sku = findSku("EXCHANGESTANDARD")!;
        s.subscribedSkus.push({ id: "exo", skuId: sku.skuId, skuPartNumber: sku.skuPartNumber, servicePlans: sku.servicePlans.map((p) => ({ servicePlanId: p.id, servicePlanName: p.name })) });
        s.users.find((x) => x.userPrincipalName.startsWith("northwind-op01"))!.licenseAssignmentStates!.push({ skuId: sku.skuId, disabledPlans: [], assignedByGroup: null, state: "Active" });
      },
      subjects: ["northwind-op01"],
      message: "EXCHANGE_S_STANDARD",
    },
  ],
  not_applicable: [{ name: "clients in a service tenant", blueprint: (y) => y.replace("  namingPrefix: HF", "  namingPrefix: HF\n  model: service-tenant"), subjects: ["fabrikam-op01"] }],
});
