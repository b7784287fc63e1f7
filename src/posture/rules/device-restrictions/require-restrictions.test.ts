import { ALL_DEVICES } from "../../testing/fixtures.ts";
import { ruleTester } from "../rule-tester.ts";
import rule from "./require-restrictions.ts";

ruleTester.run(rule, {
  fail: [
    {
      name: "manual MDM unenrollment allowed in the portal",
      snapshot: (s) => (s.deviceConfigurations.find((c) => c.displayName.endsWith("restrictions"))!.omaSettings!.find((o) => o.omaUri.endsWith("AllowManualMDMUnenrollment"))!.value = 1),
      subjects: ALL_DEVICES,
      message: "Experience/AllowManualMDMUnenrollment is 1",
    },
  ],
});
