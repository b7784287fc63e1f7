/**
 * Guide §GR-3: every HoloLens device is registered in Autopilot with the program's group tag and has the
 * deployment profile assigned, so a reset device sets itself up in the tenant again (self-deploying).
 */
import { defineRule, deviceOutcome } from "../define-rule.ts";
import { GUIDE, LINKS, READS } from "../support.ts";

const ASSIGNED = new Set(["assignedinsync", "assignedoutofsync", "assignedunkownsyncstate"]);

export default defineRule({
  id: "autopilot/require-registration",
  meta: {
    title: "Devices are registered in Autopilot with the group tag and a profile",
    concern: "autopilot",
    severity: "high",
    criticality: "shall",
    version: 1,
    stage: "preview",
    guide: GUIDE.autopilot,
    rationale: "The device group matches the group tag; a device without it gets no profile, and a device without an assigned deployment profile cannot set itself up again after a reset (with tenant lockdown it then waits in OOBE forever).",
    remediation: "Import the device's hardware hash with the group tag in `devices.autopilot.groupTag` (or correct it with updateDeviceProperties), and assign the HoloLens deployment profile to the device group.",
    blueprintKey: "devices.autopilot.groupTag",
    references: [LINKS.autopilot],
    evidence: [READS.windowsAutopilotDeviceIdentities, READS.windowsAutopilotDeploymentProfiles],
    messages: {
      pass: "{device} is registered with group tag {tag} and profile {profile}",
      notRegistered: "{device} is not registered in Autopilot",
      wrongTag: "{device} carries group tag \"{actual}\", not {tag}",
      noProfile: "{device} has no deployment profile assigned (status {status})",
      off: "{device}: Autopilot is off in the blueprint",
    },
  },
  check(ctx) {
    const { enabled, groupTag } = ctx.bp.devices.autopilot;
    return ctx.posture.devices.map((d) => {
      if (!enabled) return deviceOutcome(ctx, d, "not_applicable", "off");
      const a = d.autopilot;
      if (!a) return deviceOutcome(ctx, d, "fail", "notRegistered");
      if ((a.groupTag ?? "").toLowerCase() !== groupTag.toLowerCase()) return deviceOutcome(ctx, d, "fail", "wrongTag", { actual: a.groupTag ?? "", tag: groupTag }, { actual: a.groupTag, expected: groupTag });
      const status = a.deploymentProfileAssignmentStatus ?? "unknown";
      if (!ASSIGNED.has(status.toLowerCase())) return deviceOutcome(ctx, d, "fail", "noProfile", { status }, { status });
      return deviceOutcome(ctx, d, "pass", "pass", { tag: groupTag, profile: a.deploymentProfile?.displayName ?? "(assigned)" });
    });
  },
});
