/** `devices.settingsPages`: Settings/PageVisibilityList (guide §GR-9: all pages hidden except network). */
import { z } from "zod";
import { catalogId, documented, uniqueList } from "../common.ts";

/**
 * hololens-facts §11 suggested value for "all pages except network settings": the Network & Internet
 * pages of settings-uri-list.md, without `network-proxy`, deprecated from 21H1.
 */
export const DEFAULT_SETTINGS_PAGES = [
  "network-wifi",
  "network-wifisettings",
  "network-status",
  "wifi-provisioning",
  "network-vpn",
  "network-airplanemode",
] as const;

export const settingsPagesSchema = documented(
  z.strictObject({
    mode: documented(z.enum(["showonly", "hide"]).default("showonly"), {
      description: "`showonly`: only the listed pages are visible; `hide`: the listed pages are hidden.",
      guide: "§GR-9",
    }),
    pages: documented(uniqueList(catalogId).default([...DEFAULT_SETTINGS_PAGES]), {
      description:
        "Page ids (`ms-settings:` URI without the prefix). Default: the network pages network-wifi, network-wifisettings, network-status, wifi-provisioning, network-vpn, network-airplanemode.",
      guide: "§GR-9",
    }),
  }),
  { description: "Which Settings pages clients see.", guide: "§GR-9" },
);
