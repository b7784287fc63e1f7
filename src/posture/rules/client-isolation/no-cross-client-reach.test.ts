import { ruleTester } from "../rule-tester.ts";
import rule from "./no-cross-client-reach.ts";

const ib = (y: string) => y.replace("mode: baseline", "mode: information-barriers");
const scoped = (y: string) => y.replace("mode: baseline", "mode: scoped-directory-search");

ruleTester.run(rule, {
  pass: [
    { name: "information barriers with each client's allow-only policy active", blueprint: ib },
    { name: "scoped directory search with every mailbox on its client's policy", blueprint: scoped },
    {
      name: "information barriers with one client's policy inactive (the other side's allow-only policy still blocks both directions)",
      blueprint: ib,
      snapshot: (s) => (s.evidence.informationBarrierPolicies!.find((p) => p.AssignedSegment.endsWith("northwind"))!.State = "Inactive"),
      subjects: ["northwind-op01"],
    },
  ],
  fail: [
    {
      name: "information barriers: the policies created but never set Active",
      blueprint: ib,
      snapshot: (s) => s.evidence.informationBarrierPolicies!.forEach((p) => (p.State = "Inactive")),
      subjects: ["northwind-op01", "fabrikam-op01"],
      message: "find and call fabrikam",
    },
    {
      name: "scoped search: Teams search by name not scoped",
      blueprint: scoped,
      snapshot: (s) => (s.evidence.teamsClientConfiguration!.AllowScopedPeopleSearchandAccess = false),
      subjects: ["fabrikam-op01", "northwind-op01"],
      message: "not scoped",
    },
    {
      name: "scoped search: one mailbox without an address book policy",
      blueprint: scoped,
      snapshot: (s) => (s.evidence.mailboxes!.find((m) => m.UserPrincipalName.startsWith("fabrikam-op02"))!.AddressBookPolicy = ""),
      subjects: ["fabrikam-op02"],
      message: "can find northwind",
    },
  ],
  manual: [
    { name: "information barriers without the evidence files", blueprint: ib, snapshot: (s) => (s.evidence = {}), subjects: ["fabrikam-op01"], message: "Get-OrganizationSegment" },
    {
      name: "a segment filter on an attribute the snapshot lacks",
      blueprint: ib,
      snapshot: (s) => (s.evidence.organizationSegments![1]!.UserGroupFilter = "CustomAttribute1 -eq 'x'"),
      subjects: ["fabrikam-op01"],
      message: "cannot be evaluated",
    },
  ],
});
