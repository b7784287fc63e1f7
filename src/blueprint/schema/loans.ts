/** `loans`: what holofleet does with a device when it comes back from a client (`holofleet loan return`). */
import { z } from "zod";
import { documented } from "./common.ts";

export const loansSchema = documented(
  z.strictObject({
    onReturn: documented(z.enum(["wipe", "none"]).default("wipe"), {
      description:
        "`wipe` (default): a returned device is wiped through Intune (`managedDevices/{id}/wipe`) before it goes back in stock, so the next client does not inherit the last one's data, sign-ins or PINs; the Autopilot registration stays and the device sets itself up again. `none`: it goes back in stock as it is, for programs that reset devices by hand (say why in a comment).",
    }),
    supportContact: documented(z.string().trim().min(1).max(200).nullable().default(null), {
      description:
        "Who a client calls about the device (a phone number, an address), printed on the handoff sheet `holofleet loan ship` writes. Default: none (the sheet then says to contact the organisation that lent the device).",
    }),
  }),
  { description: "Loans of devices to clients: what happens when a device comes back." },
);
