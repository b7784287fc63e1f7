/**
 * `devices.appControl`: the WDAC deny policy (guide §GR-7, §CC-apps, §CC-chat-history). The browser is
 * blocked unless `blockBrowser: false`, because with single sign-on a client could open Teams on the web
 * and read the organisation's chat history.
 */
import { z } from "zod";
import { bracedGuid, catalogId, displayName, documented, uniqueList } from "../common.ts";

/** The two Edge apps the catalog marks as browsers (guide §CC-chat-history). */
export const BROWSER_APP_IDS = ["edge", "edge-legacy"] as const;
/**
 * Default deny list: the browsers, the Store (Remote Assist still auto-updates, guide §GR-8 option 2),
 * and mail, calendar and OneDrive — the company resources §CC-company-resources says to block.
 */
export const DEFAULT_BLOCKED_APPS = ["store", "mail", "calendar", "onedrive"] as const;

export const appControlSchema = documented(
  z
    .strictObject({
      enabled: documented(z.boolean().default(true), {
        description: "Deploy the app-control (WDAC) policy.",
        guide: "§GR-7",
      }),
      policyId: documented(bracedGuid.optional(), {
        description:
          "Policy GUID (also the OMA-URI segment). Default: derived from tenant.domain (UUID version 5), stable across compiles.",
        guide: "§GR-7",
      }),
      policyName: documented(displayName(100, "the SiPolicy XML and Intune (the policy name)").default("HoloLens app control"), {
        description: "Policy name (holofleet adds tenant.namingPrefix).",
        guide: "§GR-7",
      }),
      policyVersion: documented(
        z
          .string()
          .regex(/^\d{1,5}\.\d{1,5}\.\d{1,5}\.\d{1,5}$/, { message: "expected a four-part version such as 10.0.0.0" })
          .default("10.0.0.0"),
        { description: "Four-part policy version; raise it when the policy changes.", guide: "§GR-7" },
      ),
      blockBrowser: documented(z.boolean().default(true), {
        description:
          "Deny the browsers (new Edge by `msedge.exe` and package, legacy Edge). Turning this off needs `acknowledge: [browser-allowed]`.",
        guide: "§CC-chat-history",
      }),
      blockApps: documented(uniqueList(catalogId).optional(), {
        description:
          "Apps to deny by catalog id. Default: store, mail, calendar, onedrive; with blockBrowser the browsers edge and edge-legacy are always added.",
        guide: "§CC-company-resources",
      }),
    })
    .transform((appControl) => {
      const listed = appControl.blockApps ?? [...DEFAULT_BLOCKED_APPS];
      // Browsers are appended, never prepended: indices of the listed apps must stay those of the file,
      // so diagnostics about blockApps[i] point at the right entry.
      const blockApps = appControl.blockBrowser
        ? [...listed, ...BROWSER_APP_IDS.filter((id) => !listed.includes(id))]
        : listed;
      return { ...appControl, blockApps };
    }),
  { description: "App control (WDAC): apps clients cannot start.", guide: "§GR-7" },
);
