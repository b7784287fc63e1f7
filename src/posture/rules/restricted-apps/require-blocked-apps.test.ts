import { findApp } from "../../../catalog/index.ts";
import { ALL_DEVICES, wdacPolicyValue } from "../../testing/fixtures.ts";
import { ruleTester } from "../rule-tester.ts";
import rule from "./require-blocked-apps.ts";

/** The program's policy rebuilt without the Store (an older policy version uploaded by hand). */
const withoutStore = wdacPolicyValue(
  "{A244370E-44C9-4C06-B551-F6016E563076}",
  ["edge", "edge-legacy", "mail", "onedrive"].map((id) => findApp(id)!.packageFamilyName!),
  ["msedge.exe"],
);

ruleTester.run(rule, {
  fail: [
    {
      name: "an older policy without the Store uploaded to the app-control profile",
      snapshot: (s) => (s.deviceConfigurations.find((c) => c.displayName.endsWith("app control"))!.omaSettings![0]!.value = withoutStore),
      subjects: ALL_DEVICES,
      message: "not blocked: Microsoft Store",
    },
  ],
  manual: [
    {
      name: "the policy replaced by bytes that do not decode",
      snapshot: (s) => (s.deviceConfigurations.find((c) => c.displayName.endsWith("app control"))!.omaSettings![0]!.value = "AAAA"),
      subjects: ALL_DEVICES,
    },
  ],
  not_applicable: [{ name: "app control off", blueprint: (y) => y.replace("isolation:", "acknowledge: [browser-allowed]\nisolation:").replace("  autopilot:", "  appControl:\n    enabled: false\n  autopilot:"), subjects: ALL_DEVICES }],
});
