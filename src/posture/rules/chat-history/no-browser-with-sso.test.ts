import type { TenantSnapshot } from "../../snapshot/schema.ts";
import { ruleTester } from "../rule-tester.ts";
import rule from "./no-browser-with-sso.ts";

/** One device excluded from the app-control profile (an admin "fixing" a support case). */
const excludeDevice = (serial: string) => (s: TenantSnapshot) => {
  const md = s.managedDevices.find((d) => d.serialNumber === serial)!;
  const dev = s.devices.find((d) => d.deviceId === md.azureADDeviceId)!;
  const m = { "@odata.type": "#microsoft.graph.device", id: dev.id };
  s.groups.push({ id: "excluded", displayName: "Support exceptions", groupTypes: [], members: [m], transitiveMembers: [m] });
  s.deviceConfigurations.find((c) => c.displayName.endsWith("app control"))!.assignments.push({ id: "x", target: { "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", groupId: "excluded" } });
};

ruleTester.run(rule, {
  fail: [{ name: "one device excluded from app control", snapshot: excludeDevice("HL2-0002"), subjects: ["HL2-0002"], message: "New Microsoft Edge and Old Microsoft Edge can start" }],
  pass: [{ name: "the browser allowed and acknowledged in the blueprint", blueprint: (y) => y.replace("isolation:", "acknowledge: [browser-allowed]\nisolation:").replace("  autopilot:", "  appControl:\n    blockBrowser: false\n  autopilot:") }],
  manual: [{ name: "the policy does not decode", snapshot: (s) => (s.deviceConfigurations.find((c) => c.displayName.endsWith("app control"))!.omaSettings![0]!.value = "AAAA"), subjects: ["HL2-0001", "HL2-0002", "HL2-0003"] }],
});
