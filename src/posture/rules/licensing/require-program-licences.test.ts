import { ruleTester } from "../rule-tester.ts";
import rule from "./require-program-licences.ts";

const upn = (n: string) => `${n}@contoso.onmicrosoft.com`;

ruleTester.run(rule, {
  fail: [
    {
      name: "one account lost its Intune licence",
      snapshot: (s) => {
        const u = s.users.find((x) => x.userPrincipalName === upn("fabrikam-op02"))!;
        const intune = s.subscribedSkus.find((k) => k.skuPartNumber === "INTUNE_A")!.skuId;
        u.licenseAssignmentStates = u.licenseAssignmentStates!.filter((l) => l.skuId !== intune);
        u.assignedLicenses = u.assignedLicenses.filter((l) => l.skuId !== intune);
      },
      subjects: ["fabrikam-op02"],
      message: "lacks INTUNE_A",
    },
    {
      name: "seats ran out for one account (CountViolation)",
      snapshot: (s) => {
        const u = s.users.find((x) => x.userPrincipalName === upn("northwind-op01"))!;
        u.licenseAssignmentStates![0]!.state = "Error";
        u.licenseAssignmentStates![0]!.error = "CountViolation";
      },
      subjects: ["northwind-op01"],
      message: "CountViolation",
    },
  ],
});
