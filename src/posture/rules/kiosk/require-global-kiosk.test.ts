import { ALL_DEVICES } from "../../testing/fixtures.ts";
import { ruleTester } from "../rule-tester.ts";
import rule from "./require-global-kiosk.ts";

const kioskSetting = (s: import("../../snapshot/schema.ts").TenantSnapshot) => s.deviceConfigurations.find((c) => c.displayName.endsWith("kiosk"))!.omaSettings![0]!;

ruleTester.run(rule, {
  fail: [
    {
      name: "the kiosk turned into a per-group kiosk (no GlobalProfile)",
      snapshot: (s) => {
        const k = kioskSetting(s);
        k.value = String(k.value).replace(/<v3:GlobalProfile Id="([^"]+)"\/>/, '<Config><UserGroup Type="AzureActiveDirectoryGroup" Name="x"/><DefaultProfile Id="$1"/></Config>');
      },
      subjects: ALL_DEVICES,
      message: "no global profile",
    },
    { name: "the kiosk XML broken by a hand edit", snapshot: (s) => (kioskSetting(s).value = "<AssignedAccessConfiguration><Profiles>"), subjects: ALL_DEVICES, message: "cannot be read" },
    { name: "the kiosk profile unassigned", snapshot: (s) => (s.deviceConfigurations.find((c) => c.displayName.endsWith("kiosk"))!.assignments = []), subjects: ALL_DEVICES, message: "no kiosk" },
  ],
  manual: [{ name: "a kiosk value Graph masked", snapshot: (s) => Object.assign(kioskSetting(s), { value: "****", isEncrypted: true }), subjects: ALL_DEVICES }],
  not_applicable: [{ name: "no kiosk in the blueprint", blueprint: (y) => y.replace("  autopilot:", "  kiosk:\n    enabled: false\n  autopilot:"), subjects: ["HL2-0001"] }],
});
