import { ALL_DEVICES } from "../../testing/fixtures.ts";
import { ruleTester } from "../rule-tester.ts";
import rule from "./require-update-ring.ts";

ruleTester.run(rule, {
  fail: [
    { name: "the ring unassigned", snapshot: (s) => (s.deviceConfigurations.find((c) => c.displayName.endsWith("update ring"))!.assignments = []), subjects: ALL_DEVICES, message: "no update ring" },
    {
      name: "a second ring for all devices",
      snapshot: (s) => {
        const ring = s.deviceConfigurations.find((c) => c.displayName.endsWith("update ring"))!;
        s.deviceConfigurations.push({ ...ring, id: "ring-2", displayName: "Pilot ring", assignments: [{ id: "r", target: { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" } }] });
      },
      subjects: ALL_DEVICES,
      message: "2 update rings",
    },
  ],
});
