import { ALL_DEVICES } from "../../testing/fixtures.ts";
import { ruleTester } from "../rule-tester.ts";
import rule from "./require-enforced-policy.ts";

ruleTester.run(rule, {
  fail: [{ name: "the app-control profile unassigned", snapshot: (s) => (s.deviceConfigurations.find((c) => c.displayName.endsWith("app control"))!.assignments = []), subjects: ALL_DEVICES, message: "no app control policy" }],
  manual: [
    {
      name: "the policy replaced by bytes that are not a policy",
      snapshot: (s) => (s.deviceConfigurations.find((c) => c.displayName.endsWith("app control"))!.omaSettings![0]!.value = Buffer.from("garbage").toString("base64")),
      subjects: ALL_DEVICES,
      message: "does not decode",
    },
  ],
  not_applicable: [{ name: "app control off in the blueprint", blueprint: (y) => y.replace("isolation:", "acknowledge: [browser-allowed]\nisolation:").replace("  autopilot:", "  appControl:\n    enabled: false\n  autopilot:"), subjects: ALL_DEVICES }],
});
