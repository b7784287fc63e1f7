import { ruleTester } from "../rule-tester.ts";
import rule from "./require-registration.ts";

ruleTester.run(rule, {
  fail: [
    { name: "one device deregistered from Autopilot", snapshot: (s) => s.windowsAutopilotDeviceIdentities.splice(1, 1), subjects: ["HL2-0002"], message: "not registered" },
    { name: "one device imported with a mistyped group tag", snapshot: (s) => (s.windowsAutopilotDeviceIdentities[2]!.groupTag = "HF-HL-2"), subjects: ["HL2-0003"], message: "HF-HL-2" },
    { name: "one device whose profile assignment failed", snapshot: (s) => (s.windowsAutopilotDeviceIdentities[0]!.deploymentProfileAssignmentStatus = "failed"), subjects: ["HL2-0001"] },
  ],
  not_applicable: [{ name: "Autopilot off in the blueprint", blueprint: (y) => y.replace("    groupTag: HF-HL2", "    enabled: false"), subjects: ["HL2-0001"] }],
});
