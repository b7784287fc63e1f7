import { addWdacPolicy, wdacPolicyValue } from "../../testing/fixtures.ts";
import { ruleTester } from "../rule-tester.ts";
import rule from "./no-blocked-kiosk-app.ts";

ruleTester.run(rule, {
  fail: [
    {
      name: "another WDAC policy denies the new Settings app the kiosk shows",
      snapshot: (s) => addWdacPolicy(s, "33333333-2222-3333-4444-555555555555", wdacPolicyValue("{33333333-2222-3333-4444-555555555555}", ["BAEAEF15-9BAB-47FC-800B-ACECAD2AE94B_cw5n1h2txyewy"])),
      subjects: ["HL2-0001", "HL2-0002", "HL2-0003"],
      message: "New Settings",
    },
  ],
  not_applicable: [{ name: "the kiosk profile unassigned", snapshot: (s) => (s.deviceConfigurations.find((c) => c.displayName.endsWith("kiosk"))!.assignments = []), subjects: ["HL2-0001", "HL2-0002", "HL2-0003"] }],
});
