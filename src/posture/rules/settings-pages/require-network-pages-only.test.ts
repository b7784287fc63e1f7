import type { TenantSnapshot } from "../../snapshot/schema.ts";
import { ALL_DEVICES } from "../../testing/fixtures.ts";
import { ruleTester } from "../rule-tester.ts";
import rule from "./require-network-pages-only.ts";

const setting = (s: TenantSnapshot) => s.deviceConfigurations.find((c) => c.displayName.endsWith("restrictions"))!.omaSettings!.find((o) => o.omaUri.endsWith("PageVisibilityList"))!;

ruleTester.run(rule, {
  fail: [
    { name: "the reset page added to the list", snapshot: (s) => (setting(s).value = `${String(setting(s).value)};reset`), subjects: ALL_DEVICES, message: "reset" },
    { name: "the list turned into hide:", snapshot: (s) => (setting(s).value = "hide:reset"), subjects: ALL_DEVICES, message: "hides reset" },
    {
      name: "the page list removed",
      snapshot: (s) => {
        const p = s.deviceConfigurations.find((c) => c.displayName.endsWith("restrictions"))!;
        p.omaSettings = p.omaSettings!.filter((o) => !o.omaUri.endsWith("PageVisibilityList"));
      },
      subjects: ALL_DEVICES,
      message: "every Settings page is visible",
    },
  ],
});
