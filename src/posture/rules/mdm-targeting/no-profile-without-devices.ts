/**
 * Guide §GR-2.3 (target groups for MDM policies): a profile the program owns that reaches no HoloLens device
 * — no assignment, a deleted group, an empty group, or a dynamic group whose rule matches nothing (e.g. a
 * group tag that no Autopilot device carries). Profiles holofleet does not own are only reported when they
 * reach no device at all among the HoloLens fleet *and* carry HoloLens settings; others are not its business.
 * Before any device has enrolled, a profile whose group holds the registered devices is not a finding, nor,
 * before any is registered, a profile assigned to an existing group.
 */
import type { ProfileReach } from "../../effective/evaluate.ts";
import { defineRule } from "../define-rule.ts";
import { GUIDE, LINKS, ownedBy, READS } from "../support.ts";
import type { RuleOutcome } from "../types.ts";

function why(p: ProfileReach, groupTags: ReadonlySet<string>): string {
  if (p.targets.length === 0) return "it has no assignment";
  const reasons = p.targets.map((t) => {
    if (t.kind !== "groupAssignmentTarget") return `${t.kind} reaches no HoloLens device`;
    if (!t.exists) return `its group ${t.groupId} no longer exists`;
    const tag = /\[OrderID\]:([^"]+)"/i.exec(t.membershipRule ?? "")?.[1];
    if (tag && !groupTags.has(tag.toLowerCase())) return `its dynamic group ${t.groupName} matches group tag "${tag}", which no Autopilot device carries`;
    if (t.members === 0) return `its group ${t.groupName} is empty`;
    return `its group ${t.groupName} holds no HoloLens device`;
  });
  return reasons.join("; ");
}

export default defineRule({
  id: "mdm-targeting/no-profile-without-devices",
  meta: {
    title: "Every program profile reaches the HoloLens devices",
    concern: "mdm-targeting",
    severity: "medium",
    criticality: "shall",
    version: 1,
    stage: "preview",
    guide: GUIDE.targeting,
    rationale: "A profile that reaches no device protects nothing while the portal shows it as configured: an empty or mistyped dynamic group silently leaves every device without the kiosk, the tenant lock or app control.",
    remediation: "Assign the profile to the device group holofleet creates; check that the devices are imported with the group tag in `devices.autopilot.groupTag` and that the dynamic rule uses the same tag.",
    blueprintKey: "devices.autopilot.groupTag",
    references: [LINKS.autopilot],
    evidence: [READS.deviceConfigurations, READS.groups, READS.windowsAutopilotDeviceIdentities],
    messages: {
      pass: "{profile} reaches {count} HoloLens device(s)",
      none: "{profile} reaches no HoloLens device: {why}",
      noneEnrolled: "{profile}: no HoloLens device has enrolled yet, so no profile can reach one; its targets are sound ({why})",
      noFleet: "{profile}: no HoloLens device is registered or enrolled yet; it is assigned to an existing group",
      notOwned: "{profile} is not a program profile",
    },
  },
  check(ctx) {
    const prefix = ctx.bp.tenant.namingPrefix;
    const groupTags = new Set(ctx.snapshot.windowsAutopilotDeviceIdentities.flatMap((a) => (a.groupTag ? [a.groupTag.toLowerCase()] : [])));
    const subject = (p: ProfileReach) => ({ type: "profile" as const, id: p.profile.id, name: p.profile.displayName });
    return ctx.posture.profiles.map((p): RuleOutcome => {
      const data = { profile: p.profile.displayName, count: p.devices };
      if (!ownedBy(p.profile.description, prefix)) return { subject: subject(p), status: "not_applicable", messageId: "notOwned", data };
      if (p.devices > 0) return { subject: subject(p), status: "pass", messageId: "pass", data };
      const reason = why(p, groupTags);
      const assignedToGroups = p.targets.length > 0 && p.targets.every((t) => t.kind === "groupAssignmentTarget" && t.exists);
      // A program applied before any device is registered: there is nothing to reach, or to mistype a tag for.
      if (ctx.posture.devices.length === 0 && ctx.snapshot.windowsAutopilotDeviceIdentities.length === 0 && assignedToGroups)
        return { subject: subject(p), status: "not_applicable", messageId: "noFleet", data };
      // Before the first device enrols (devices registered in Autopilot, still in their boxes) every
      // profile reaches none; only a target that is wrong by itself is a finding then.
      const targetsSound = p.targets.length > 0 && p.targets.every((t) => t.kind === "groupAssignmentTarget" && t.exists && t.members > 0);
      if (ctx.posture.devices.length === 0 && targetsSound && !reason.includes("which no Autopilot device carries"))
        return { subject: subject(p), status: "not_applicable", messageId: "noneEnrolled", data: { ...data, why: reason } };
      return { subject: subject(p), status: "fail", messageId: "none", data: { ...data, why: reason }, evidence: { targets: p.targets } };
    });
  },
});
