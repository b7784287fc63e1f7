/**
 * Test support for the reports: an audit of the fixture program with deliberate findings (USB back on for
 * every device, one device excluded from app control, an account with a mailbox, the device group's ESP
 * deleted, a hostile device name), and the report meta for it.
 */
import { findSku } from "../catalog/index.ts";
import { allRules, rules } from "../posture/rules/index.ts";
import type { AuditResult } from "../posture/rules/types.ts";
import { runAudit } from "../posture/run-audit.ts";
import { auditFixture } from "../posture/testing/fixtures.ts";
import type { ReportMeta } from "./meta.ts";

export function reportFixture(): { result: AuditResult; meta: ReportMeta } {
  const f = auditFixture();
  const s = f.snapshot;
  s.deviceConfigurations.find((c) => c.displayName.endsWith("restrictions"))!.omaSettings!.find((o) => o.omaUri.endsWith("AllowUSBConnection"))!.value = 1;
  const md = s.managedDevices.find((d) => d.serialNumber === "HL2-0002")!;
  const dev = s.devices.find((d) => d.deviceId === md.azureADDeviceId)!;
  const m = { "@odata.type": "#microsoft.graph.device", id: dev.id };
  s.groups.push({ id: "excluded", displayName: "Support exceptions", groupTypes: [], members: [m], transitiveMembers: [m] });
  s.deviceConfigurations.find((c) => c.displayName.endsWith("app control"))!.assignments.push({ id: "x", target: { "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", groupId: "excluded" } });
  const exo = findSku("EXCHANGESTANDARD")!;
  s.subscribedSkus.push({ id: "exo", skuId: exo.skuId, skuPartNumber: exo.skuPartNumber, servicePlans: exo.servicePlans.map((p) => ({ servicePlanId: p.id, servicePlanName: p.name })) });
  s.users.find((u) => u.userPrincipalName.startsWith("northwind-op01"))!.licenseAssignmentStates!.push({ skuId: exo.skuId, disabledPlans: [], assignedByGroup: null, state: "Active" });
  s.deviceEnrollmentConfigurations = s.deviceEnrollmentConfigurations.filter((c) => c.id !== "esp-hololens");
  s.managedDevices.find((d) => d.serialNumber === "HL2-0003")!.deviceName = `<script>alert("x")</script> & "HL"`;
  const result = runAudit({ snapshot: s, blueprint: f.blueprint, blueprintFile: "fixture.holofleet.yaml", rules: allRules });
  const meta: ReportMeta = {
    rules: Object.fromEntries(Object.entries(rules).map(([id, r]) => [id, r.meta])),
    toolVersion: "0.1.0",
    blueprint: { file: "fixture.holofleet.yaml", locate: (path) => f.sourceMap.locate(path) },
  };
  return { result, meta };
}
