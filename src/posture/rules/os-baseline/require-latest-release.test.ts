import { ruleTester } from "../rule-tester.ts";
import rule from "./require-latest-release.ts";

ruleTester.run(rule, {
  fail: [{ name: "a device one update behind the newest release", snapshot: (s) => (s.managedDevices[0]!.osVersion = "10.0.22621.1263"), subjects: ["HL2-0001"], message: "latest known release is 22621.1266" }],
  manual: [{ name: "no OS version", snapshot: (s) => (s.managedDevices[0]!.osVersion = null), subjects: ["HL2-0001"] }],
});
