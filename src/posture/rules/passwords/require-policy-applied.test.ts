import { ruleTester } from "../rule-tester.ts";
import rule from "./require-policy-applied.ts";

const never = (y: string) => y.replace("policy: reset-before-ship", "policy: never-expire");
const extended = (y: string) => y.replace("policy: reset-before-ship", "policy: extended").replace("maxAgeDays: 90", "maxAgeDays: 120");

ruleTester.run(rule, {
  pass: [{ name: "never-expire applied", blueprint: never }, { name: "extended applied to the domain", blueprint: extended }],
  fail: [
    { name: "never-expire, but one account lost DisablePasswordExpiration", blueprint: never, snapshot: (s) => (s.users.find((u) => u.userPrincipalName.startsWith("fabrikam-op01"))!.passwordPolicies = null), subjects: ["fabrikam-op01"], message: "DisablePasswordExpiration" },
    { name: "extended, but the domain was set back to 90 days", blueprint: extended, snapshot: (s) => (s.domains[0]!.passwordValidityPeriodInDays = 90), subjects: ["fabrikam-op01", "northwind-op01"], message: "is 90 days" },
  ],
  not_applicable: [{ name: "reset-before-ship sets nothing in the tenant (the fixture)", subjects: ["fabrikam-op01"] }],
});
