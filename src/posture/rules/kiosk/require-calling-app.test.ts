import type { TenantSnapshot } from "../../snapshot/schema.ts";
import { addWdacPolicy, wdacPolicyValue } from "../../testing/fixtures.ts";
import { ruleTester } from "../rule-tester.ts";
import rule from "./require-calling-app.ts";

const kiosk = (s: TenantSnapshot) => s.deviceConfigurations.find((c) => c.displayName.endsWith("kiosk"))!.omaSettings![0]!;
const ALL = ["HL2-0001", "HL2-0002", "HL2-0003"];

ruleTester.run(rule, {
  fail: [
    {
      name: "Remote Assist removed from the kiosk XML",
      snapshot: (s) => (kiosk(s).value = String(kiosk(s).value).replace(/<App AppUserModelId="Microsoft\.MicrosoftRemoteAssist[^>]*\/>/, "")),
      subjects: ALL,
      message: "not in the kiosk",
    },
    {
      name: "a second WDAC policy denies Remote Assist",
      snapshot: (s) => addWdacPolicy(s, "11111111-2222-3333-4444-555555555555", wdacPolicyValue("{11111111-2222-3333-4444-555555555555}", ["Microsoft.MicrosoftRemoteAssist_8wekyb3d8bbwe"])),
      subjects: ALL,
      message: "blocks Dynamics 365 Remote Assist",
    },
  ],
  manual: [{ name: "an undecodable WDAC policy next to the program's", snapshot: (s) => addWdacPolicy(s, "22222222-2222-3333-4444-555555555555", "AAAA"), subjects: ALL }],
});
