import type { TenantSnapshot } from "../../snapshot/schema.ts";
import { ALL_DEVICES } from "../../testing/fixtures.ts";
import { ruleTester } from "../rule-tester.ts";
import rule from "./no-developer-unlock.ts";

const setUnlock = (value: number | null) => (s: TenantSnapshot) => {
  const p = s.deviceConfigurations.find((c) => c.displayName.endsWith("restrictions"))!;
  const setting = p.omaSettings!.find((o) => o.omaUri.endsWith("AllowDeveloperUnlock"))!;
  if (value === null) p.omaSettings = p.omaSettings!.filter((o) => o !== setting);
  else setting.value = value;
};

ruleTester.run(rule, {
  fail: [
    { name: "AllowDeveloperUnlock set to 1 in the portal", snapshot: setUnlock(1), subjects: ALL_DEVICES, message: "is 1" },
    { name: "the setting removed (not configured: the owner can still enable it)", snapshot: setUnlock(null), subjects: ALL_DEVICES, message: "not set" },
  ],
  pass: [{ name: "developer mode allowed and acknowledged in the blueprint", blueprint: (y) => y.replace("isolation:", "acknowledge: [developer-mode]\nisolation:").replace("  autopilot:", "  developerMode: true\n  autopilot:") }],
});
