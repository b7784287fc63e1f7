import { ruleTester } from "../rule-tester.ts";
import rule from "./no-profile-without-devices.ts";

ruleTester.run(rule, {
  fail: [
    {
      name: "the kiosk profile assigned to an empty group",
      snapshot: (s) => {
        s.groups.push({ id: "empty", displayName: "Empty", groupTypes: [], members: [], transitiveMembers: [] });
        s.deviceConfigurations.find((c) => c.displayName.endsWith("kiosk"))!.assignments[0]!.target.groupId = "empty";
      },
      subjects: ["HF HoloLens 2 kiosk"],
      message: "is empty",
    },
    {
      name: "the device group's rule names a group tag no device carries (wrong dynamic group)",
      snapshot: (s) => {
        const g = s.groups.find((x) => x.uniqueName === "hf-hololens-devices")!;
        g.membershipRule = '(device.devicePhysicalIds -any _ -eq "[OrderID]:HF-HL3")';
        g.members = [];
        g.transitiveMembers = [];
      },
      subjects: ["HF HoloLens 2 kiosk", "HF HoloLens 2 app control", "HF HoloLens 2 device restrictions", "HF HoloLens update ring"],
      message: "HF-HL3",
    },
    { name: "a profile with its assignment removed", snapshot: (s) => (s.deviceConfigurations.find((c) => c.displayName.endsWith("app control"))!.assignments = []), subjects: ["HF HoloLens 2 app control"], message: "no assignment" },
  ],
  not_applicable: [
    {
      name: "the program applied before any device is registered or enrolled",
      snapshot: (s) => {
        s.managedDevices = [];
        s.windowsAutopilotDeviceIdentities = [];
        for (const g of s.groups.filter((x) => x.uniqueName === "hf-hololens-devices")) {
          g.members = [];
          g.transitiveMembers = [];
        }
      },
      subjects: ["HF HoloLens 2 kiosk", "HF HoloLens 2 app control", "HF HoloLens 2 device restrictions", "HF HoloLens update ring"],
      message: "no HoloLens device is registered or enrolled yet",
    },
    {
      name: "devices registered in Autopilot and in the device group, none enrolled yet",
      snapshot: (s) => {
        s.managedDevices = [];
      },
      subjects: ["HF HoloLens 2 kiosk", "HF HoloLens 2 app control", "HF HoloLens 2 device restrictions", "HF HoloLens update ring"],
      message: "no HoloLens device has enrolled yet",
    },
    {
      name: "someone else's profile",
      snapshot: (s) => s.deviceConfigurations.push({ ...s.deviceConfigurations[0]!, id: "other", displayName: "PC baseline", description: "Windows PCs", assignments: [] }),
      subjects: ["PC baseline"],
    },
  ],
});
