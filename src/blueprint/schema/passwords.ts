/** `passwords`: the guide's four password options for client accounts (guide §CC-passwords). */
import { z } from "zod";
import { documented } from "./common.ts";

export const passwordsSchema = documented(
  z.strictObject({
    policy: documented(z.enum(["never-expire", "extended", "rotate-on-return", "reset-before-ship"]).default("rotate-on-return"), {
      description:
        "1 `never-expire` (remove expiration), 2 `extended` (expiry beyond 90 days), 3 `rotate-on-return` (devices come back to change passwords), 4 `reset-before-ship` (reset before a device goes to another client).",
      guide: "§CC-passwords",
    }),
    maxAgeDays: documented(z.number().int().min(1).default(90), {
      description:
        "Maximum password age in days; ignored for `never-expire`. Default 90, the upper end of the 30–90 days the guide quotes from NIST; `extended` needs more than 90.",
      guide: "§CC-passwords",
    }),
    length: documented(z.number().int().min(8).max(256).default(16), {
      description: "Length of passwords holofleet generates for client accounts (Entra accepts 8–256 characters).",
      guide: "§CC-passwords",
    }),
  }),
  { description: "Client account passwords.", guide: "§CC-passwords" },
);
