import { ruleTester } from "../rule-tester.ts";
import rule from "./require-enrollment-status-page.ts";

ruleTester.run(rule, {
  fail: [
    { name: "the device group's ESP deleted: only Intune's default applies", snapshot: (s) => (s.deviceEnrollmentConfigurations = s.deviceEnrollmentConfigurations.filter((c) => c.id !== "esp-hololens")), subjects: ["HL2-0001", "HL2-0002", "HL2-0003"], message: "only the default" },
    { name: "no ESP at all", snapshot: (s) => (s.deviceEnrollmentConfigurations = s.deviceEnrollmentConfigurations.filter((c) => !c["@odata.type"].includes("CompletionPage"))), subjects: ["HL2-0001", "HL2-0002", "HL2-0003"] },
  ],
  not_applicable: [{ name: "Autopilot off in the blueprint", blueprint: (y) => y.replace("    groupTag: HF-HL2", "    enabled: false"), subjects: ["HL2-0001"] }],
});
