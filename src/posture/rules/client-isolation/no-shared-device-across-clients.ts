/**
 * Guide §CC isolation and §CC passwords ("for devices that are sent to multiple clients, reset passwords
 * before shipping"): a device the blueprint gives one client, signed in by another client's account, means
 * the device moved without being reset.
 */
import { defineRule, deviceOutcome } from "../define-rule.ts";
import { GUIDE, LINKS, READS } from "../support.ts";

export default defineRule({
  id: "client-isolation/no-shared-device-across-clients",
  meta: {
    title: "A device is used by one client only",
    concern: "client-isolation",
    severity: "high",
    criticality: "shall",
    version: 1,
    stage: "preview",
    guide: GUIDE.isolation,
    rationale: "A device that moves from one client to another without a reset keeps the first client's captures and cached sign-ins, and its accounts can still be used by the second.",
    remediation: "Reset the device and its accounts' passwords before it ships to another client, and update `clients[].accounts[].devices` in the blueprint.",
    blueprintKey: "clients",
    references: [LINKS.guide],
    evidence: [READS.managedDevices, READS.users],
    messages: {
      pass: "{device} is used by {client} only",
      crossed: "{device} belongs to {client} in the blueprint but is signed in by {user} of {other}",
      unknown: "{device} is not assigned to a client",
    },
  },
  check(ctx) {
    const clientOfAccount = ctx.posture.program.clientOfAccount;
    return ctx.posture.devices.map((d) => {
      const planned = ctx.posture.program.clientOfSerial.get(d.serial.toUpperCase()) ?? null;
      const upn = d.primaryUser?.userPrincipalName ?? null;
      const actual = upn ? (clientOfAccount.get(upn.toLowerCase()) ?? null) : null;
      if (planned === null && actual === null) return deviceOutcome(ctx, d, "not_applicable", "unknown");
      if (planned !== null && actual !== null && planned !== actual) return deviceOutcome(ctx, d, "fail", "crossed", { client: planned, user: upn!, other: actual }, { planned, actual, user: upn });
      return deviceOutcome(ctx, d, "pass", "pass", { client: planned ?? actual! });
    });
  },
});
