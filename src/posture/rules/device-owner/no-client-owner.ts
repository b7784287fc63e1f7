/**
 * Guide §GR-3 (device owner, `security-adminless-os.md`): the first user on a device, or the user who joined
 * it, becomes its owner and can do device-wide operations; with the kiosk excluding device owners, an owner
 * also escapes the kiosk. Self-deploying Autopilot leaves the device without a user owner. A client account
 * as registered owner is a device the client can reconfigure.
 */
import { defineRule, deviceOutcome, listText } from "../define-rule.ts";
import { GUIDE, LINKS, READS } from "../support.ts";

export default defineRule({
  id: "device-owner/no-client-owner",
  meta: {
    title: "No client account owns a device",
    concern: "device-owner",
    severity: "high",
    criticality: "shall",
    version: 1,
    stage: "preview",
    guide: GUIDE.owner,
    rationale: "A device owner can add users, change device-wide settings and — when the kiosk excludes device owners — use the full shell, outside the kiosk and its app restrictions.",
    remediation: "Reset the device and let Autopilot self-deploying mode set it up (`devices.autopilot`), so no client becomes the owner; remove `device-owners` from `devices.kiosk.exclusions` while any client owns a device.",
    blueprintKey: "devices.autopilot",
    references: [LINKS.deviceOwner],
    evidence: [READS.devices, READS.users],
    messages: {
      pass: "{device}: no client account owns it",
      clientOwner: "{device} is owned by client account {owners}{escape}",
      noEntra: "{device} has no Microsoft Entra device record, so its owners are unknown",
    },
  },
  check(ctx) {
    const clients = ctx.posture.program.clientOfAccount;
    return ctx.posture.devices.map((d) => {
      if (d.entraObjectId === null) return deviceOutcome(ctx, d, "manual", "noEntra");
      const owners = d.owners.filter((o) => o.userPrincipalName && clients.has(o.userPrincipalName.toLowerCase())).map((o) => o.userPrincipalName!);
      if (owners.length === 0) return deviceOutcome(ctx, d, "pass", "pass", {}, { owners: d.owners });
      const escape = d.config.kiosk.state === "set" && d.config.kiosk.excludesDeviceOwners ? ", and the kiosk excludes device owners, so it has the full shell" : "";
      return deviceOutcome(ctx, d, "fail", "clientOwner", { owners: listText(owners), escape }, { owners });
    });
  },
});
