import { ruleTester } from "../rule-tester.ts";
import rule from "./no-expiry-during-loan.ts";

ruleTester.run(rule, {
  fail: [
    {
      name: "one account's password last set 50 days ago, with a 60-day loan ahead",
      snapshot: (s) => (s.users.find((u) => u.userPrincipalName.startsWith("fabrikam-op02"))!.lastPasswordChangeDateTime = "2025-01-10T12:00:00Z"),
      subjects: ["fabrikam-op02"],
      message: "expires on 2025-04-10, before the expected return 2025-04-30",
    },
    { name: "the domain's validity cut to 30 days", snapshot: (s) => (s.domains[0]!.passwordValidityPeriodInDays = 30), subjects: ["fabrikam-op01", "fabrikam-op02"] },
  ],
  pass: [
    { name: "the fleet store's return date is within the validity", loans: [{ userPrincipalName: "fabrikam-op01@contoso.onmicrosoft.com", expectedReturn: "2025-03-20T00:00:00Z" }], subjects: ["fabrikam-op01"] },
    { name: "DisablePasswordExpiration on the user", snapshot: (s) => (s.users.find((u) => u.userPrincipalName.startsWith("fabrikam-op02"))!.passwordPolicies = "DisablePasswordExpiration"), subjects: ["fabrikam-op02"] },
  ],
  manual: [
    { name: "the fleet store says one loan is open-ended", loans: [{ userPrincipalName: "northwind-op01@contoso.onmicrosoft.com", expectedReturn: null }], subjects: ["northwind-op01"], message: "no end date" },{ name: "no last password change in the snapshot", snapshot: (s) => (s.users.find((u) => u.userPrincipalName.startsWith("northwind"))!.lastPasswordChangeDateTime = null), subjects: ["northwind-op01"] }],
});
