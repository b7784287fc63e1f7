/**
 * `devices.kiosk`: global assigned access (guide §GR-5): every user who signs in gets the kiosk.
 * Defaults: the calling app (Remote Assist) and Settings (for guest Wi‑Fi), the calling app launched at
 * sign-in, as in hololens-facts §7 "minimal external-client profile".
 */
import { z } from "zod";
import { bracedGuid, catalogId, documented, uniqueList } from "../common.ts";

export const kioskSchema = documented(
  z
    .strictObject({
      enabled: documented(z.boolean().default(true), { description: "Apply the kiosk.", guide: "§GR-5" }),
      mode: documented(z.literal("global").default("global"), {
        description: "`global`: global assigned access, every user who signs in gets the kiosk (20H2+).",
        guide: "§GR-5",
      }),
      callingApp: documented(z.enum(["remote-assist", "dynamics-365-guides"]).default("remote-assist"), {
        description:
          "The app clients call experts with: `remote-assist`, or `dynamics-365-guides`, which now carries Remote Assist's calling on HoloLens.",
        guide: "§GR-5",
      }),
      apps: documented(uniqueList(catalogId).optional(), {
        description: "Kiosk apps by catalog id. Default `[<callingApp>, settings]`.",
        guide: "§GR-5",
      }),
      autoLaunch: documented(catalogId.nullable().optional(), {
        description: "App launched at sign-in (must be a kiosk app), or null. Default: the calling app.",
        guide: "§GR-5",
      }),
      exclusions: documented(uniqueList(z.enum(["device-owners"])).default([]), {
        description: "Who keeps the full shell: `device-owners` (v5:Exclusions). Default: nobody.",
        guide: "§GR-5",
      }),
      profileId: documented(bracedGuid.optional(), {
        description:
          "Kiosk profile GUID. Default: derived from tenant.domain (UUID version 5), so compiling twice gives the same XML.",
        guide: "§GR-5",
      }),
      showTaskbar: documented(z.boolean().default(true), {
        description: "Show the taskbar in the kiosk, as Microsoft's global samples do.",
        guide: "§GR-5",
      }),
    })
    .transform((kiosk) => {
      const apps = kiosk.apps ?? [kiosk.callingApp, "settings"];
      const autoLaunch = kiosk.autoLaunch === undefined ? kiosk.callingApp : kiosk.autoLaunch;
      return { ...kiosk, apps, autoLaunch };
    }),
  { description: "Kiosk mode through global assigned access.", guide: "§GR-5" },
);
