import { ruleTester } from "../rule-tester.ts";
import rule from "./no-setting-above-build.ts";

ruleTester.run(rule, {
  pass: [{ name: "a device on 20H2, where every default feature exists", snapshot: (s) => (s.managedDevices[0]!.osVersion = "10.0.19041.1128"), subjects: ["HL2-0001"] }],
  fail: [
    { name: "a device on 2004, before global assigned access and tenant lockdown", snapshot: (s) => (s.managedDevices[1]!.osVersion = "10.0.19041.1103"), subjects: ["HL2-0002"], message: "Kiosk for every user" },
  ],
  manual: [{ name: "an unreadable OS version", snapshot: (s) => (s.managedDevices[2]!.osVersion = null), subjects: ["HL2-0003"] }],
});
