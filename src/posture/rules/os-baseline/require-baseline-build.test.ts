import { ruleTester } from "../rule-tester.ts";
import rule from "./require-baseline-build.ts";

ruleTester.run(rule, {
  pass: [{ name: "a device on a newer build", snapshot: (s) => (s.managedDevices[0]!.osVersion = "10.0.22621.1300"), subjects: ["HL2-0001"] }],
  fail: [
    { name: "one device still on 22H2", snapshot: (s) => (s.managedDevices[1]!.osVersion = "10.0.20348.1543"), subjects: ["HL2-0002"], message: "below the baseline 22621.1266" },
    { name: "one monthly update behind", snapshot: (s) => (s.managedDevices[2]!.osVersion = "10.0.22621.1263"), subjects: ["HL2-0003"] },
  ],
  manual: [{ name: "an OS version that is not a build", snapshot: (s) => (s.managedDevices[0]!.osVersion = "Windows Holographic"), subjects: ["HL2-0001"] }],
});
