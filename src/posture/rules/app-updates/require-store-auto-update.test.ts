import { ALL_DEVICES } from "../../testing/fixtures.ts";
import { ruleTester } from "../rule-tester.ts";
import rule from "./require-store-auto-update.ts";

const setting = (s: import("../../snapshot/schema.ts").TenantSnapshot) => s.deviceConfigurations.find((c) => c.displayName.endsWith("restrictions"))!.omaSettings!.find((o) => o.omaUri.endsWith("AllowAppStoreAutoUpdate"))!;

ruleTester.run(rule, {
  fail: [{ name: "auto-update turned off", snapshot: (s) => (setting(s).value = 0), subjects: ALL_DEVICES, message: "do not update" }],
  pass: [{ name: "not configured (the OS default)", snapshot: (s) => (setting(s).value = 2) }],
});
