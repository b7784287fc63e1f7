import { ruleTester } from "../rule-tester.ts";
import rule from "./no-profile-errors.ts";

ruleTester.run(rule, {
  fail: [
    {
      name: "one device reports a SyncML 404 on the tenant lockdown node",
      snapshot: (s) => {
        const state = s.managedDevices[1]!.deviceConfigurationStates.find((c) => c.displayName!.endsWith("restrictions"))!;
        state.state = "error";
        state.settingStates![0] = { setting: "./Vendor/MSFT/TenantLockdown/RequireNetworkInOOBE", state: "error", errorCode: -2016345708, currentValue: null };
      },
      subjects: ["HL2-0002"],
      message: "-2016345708",
    },
  ],
  manual: [{ name: "a device that never reported", snapshot: (s) => (s.managedDevices[0]!.deviceConfigurationStates = []), subjects: ["HL2-0001"] }],
});
