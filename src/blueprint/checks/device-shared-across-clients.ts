/**
 * HF2023: one device serial assigned to accounts of two clients at once. Several accounts may share a
 * device (guide prerequisites), but only within one client: otherwise clients meet on the same device.
 */
import { defineCheck, finding } from "./finding.ts";

export const deviceSharedAcrossClients = defineCheck(["clients"], ["HF2023"], (bp, src) => {
  const owner = new Map<string, string>();
  return bp.clients.flatMap((client, i) =>
    client.accounts.flatMap((account, j) =>
      account.devices.flatMap((serial, k) => {
        const first = owner.get(serial);
        if (first === undefined) {
          owner.set(serial, client.id);
          return [];
        }
        if (first === client.id) return [];
        return [
          finding(src, ["clients", i, "accounts", j, "devices", k], "HF2023", "error", {
            message: `device ${serial} is assigned to client \`${first}\` and to client \`${client.id}\``,
            why: "A device is at one client's site at a time; sharing it would let one client sign in to another's accounts.",
            fix: "Assign the device to one client; move it between clients with a loan (and reset passwords before shipping).",
          }),
        ];
      }),
    ),
  );
});
