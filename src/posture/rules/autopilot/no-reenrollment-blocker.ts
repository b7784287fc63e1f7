/**
 * A tenant precondition that would stop a reset HoloLens from enrolling again (`hololens-enroll-mdm.md`,
 * `hololens2-autopilot.md`): automatic MDM enrollment off (the Intune MDM user scope is None), Windows
 * enrollment blocked by an enrollment restriction, or Microsoft Entra join disabled. With tenant lockdown on,
 * such a device waits in OOBE until the precondition is fixed.
 */
import { defineRule } from "../define-rule.ts";
import { GUIDE, LINKS, READS } from "../support.ts";

export default defineRule({
  id: "autopilot/no-reenrollment-blocker",
  meta: {
    title: "Nothing in the tenant stops a reset device from enrolling again",
    concern: "autopilot",
    severity: "high",
    criticality: "shall",
    version: 1,
    stage: "preview",
    guide: GUIDE.autopilot,
    rationale: "Devices are reset between clients; a reset HoloLens must Entra-join and enroll in Intune on its own. If enrollment is blocked, the device is unusable at the client's site — and with tenant lockdown it cannot be set up any other way.",
    remediation: "Set the Intune MDM user scope to All (or a group with the enrolling identity), allow Windows in the enrollment restrictions that reach HoloLens devices, and allow users to join devices to Microsoft Entra ID. No blueprint key manages these tenant settings yet; until one does, fix them in the Entra and Intune admin centers before turning `devices.tenantLockdown` on.",
    blueprintKey: null,
    references: [LINKS.enrollMdm, LINKS.autopilot],
    evidence: [READS.mobileDeviceManagementPolicies, READS.deviceEnrollmentConfigurations, READS.deviceRegistrationPolicy],
    messages: {
      pass: "{tenant}: MDM scope {scope}, Windows enrollment allowed, Entra join allowed",
      blocked: "{tenant}: a reset device could not enroll again: {problems}",
      unknown: "{tenant}: {missing} not in the snapshot; check them in the Entra and Intune admin centers",
    },
  },
  check(ctx) {
    const e = ctx.posture.enrollment;
    const tenant = ctx.tenantSubject();
    const problems: string[] = [];
    if (e.mdmScope?.appliesTo === "none") problems.push("automatic MDM enrollment is off (MDM user scope None)");
    for (const b of e.windowsBlockedBy) problems.push(`enrollment restriction "${b.displayName}" blocks Windows for ${b.assignedTo}`);
    if (e.entraJoin?.allowed === "none") problems.push(e.entraJoin.detail);
    const data = { tenant: tenant.name, scope: e.mdmScope?.appliesTo ?? "unknown" };
    if (problems.length) return [{ subject: tenant, status: "fail", messageId: "blocked", data: { ...data, problems: problems.join("; ") }, evidence: { enrollment: e } }];
    const missing = [e.mdmScope ? null : "the MDM user scope", e.entraJoin ? null : "the device registration policy"].filter((x): x is string => x !== null);
    if (missing.length) return [{ subject: tenant, status: "manual", messageId: "unknown", data: { ...data, missing: missing.join(" and ") }, evidence: { enrollment: e } }];
    return [{ subject: tenant, status: "pass", messageId: "pass", data, evidence: { enrollment: e } }];
  },
});
