/**
 * What rules share: the guide's sections as the rules cite them, Learn links from the guide, reading a
 * setting's effective value as an integer or boolean, and which objects holofleet owns.
 */
import { SNAPSHOT_SOURCES } from "../snapshot/schema.ts";
import type { SettingValue } from "../effective/device-config.ts";

const GR = "General deployment recommendations";
const CC = "Common external client deployment concerns";

/** The guide's sections, as findings cite them. */
export const GUIDE = {
  baseline: `${GR}, step 1: use the latest HoloLens OS release as your baseline build`,
  licences: `${GR}, step 2: assign user-based or device-based licenses to a group`,
  targeting: `${GR}, step 2.3: target groups for MDM policies`,
  autopilot: `${GR}, step 3: join Microsoft Entra, auto enroll, and configure through Autopilot`,
  owner: `${GR}, step 3.1–3.2: the device owner`,
  tenantLock: `${GR}, step 4: tenant lock the device`,
  kiosk: `${GR}, step 5: configure kiosk mode using global assigned access`,
  developerMode: `${GR}, step 6.1: disable developer mode`,
  usb: `${GR}, step 6.2: disable USB (and its note on provisioning packages)`,
  appControl: `${GR}, step 7: use WDAC to allow or block apps`,
  appUpdates: `${GR}, step 8: update Remote Assist (AllowAppStoreAutoUpdate)`,
  settingsPages: `${GR}, step 9: disable all settings pages except the network settings`,
  osUpdates: `${GR}, step 10: manage HoloLens updates`,
  restrictions: `${GR}, step 11: set common device restrictions`,
  isolation: `${CC}: ensure that external clients can't communicate with one another`,
  companyResources: `${CC}: ensure that clients won't have access to company resources`,
  restrictedApps: `${CC}: hidden or restricted apps`,
  passwords: `${CC}: password management for your clients`,
  chatHistory: `${CC}: ensure that clients won't have access to chat history`,
} as const;

const LEARN = "https://learn.microsoft.com";
/** Pages the guide links to. */
export const LINKS = {
  guide: `${LEARN}/hololens/hololens2-deployment-guide`,
  releaseNotes: `${LEARN}/hololens/hololens-release-notes`,
  licensingGroups: `${LEARN}/entra/identity/users/licensing-groups-assign`,
  enrollMdm: `${LEARN}/hololens/hololens-enroll-mdm`,
  autopilot: `${LEARN}/hololens/hololens2-autopilot`,
  deviceOwner: `${LEARN}/hololens/security-adminless-os#device-owner`,
  tenantLockdown: `${LEARN}/windows/client-management/mdm/tenantlockdown-csp`,
  kiosk: `${LEARN}/hololens/hololens-kiosk`,
  developerUnlock: `${LEARN}/windows/client-management/mdm/policy-csp-applicationmanagement#applicationmanagement-allowdeveloperunlock`,
  usb: `${LEARN}/windows/client-management/mdm/policy-csp-connectivity#connectivity-allowusbconnection`,
  provisioningPackages: `${LEARN}/windows/client-management/mdm/policy-csp-security#security-allowaddprovisioningpackage`,
  wdac: `${LEARN}/hololens/windows-defender-application-control-wdac`,
  storeAutoUpdate: `${LEARN}/windows/client-management/mdm/policy-csp-applicationmanagement#applicationmanagement-allowappstoreautoupdate`,
  settingsPages: `${LEARN}/hololens/settings-uri-list`,
  updates: `${LEARN}/hololens/hololens-updates`,
  restrictions: `${LEARN}/hololens/hololens-common-device-restrictions`,
  informationBarriers: `${LEARN}/purview/information-barriers`,
  scopedSearch: `${LEARN}/microsoftteams/teams-scoped-directory-search`,
} as const;

/** The Graph reads behind each snapshot part, as rule evidence. */
export const READS = SNAPSHOT_SOURCES;

/** A setting's effective value as an integer, or null when unset, conflicting, opaque or not a number. */
export function intValue(v: SettingValue): number | null {
  if (v.state !== "set") return null;
  const n = typeof v.value === "number" ? v.value : typeof v.value === "string" && /^-?\d+$/.test(v.value.trim()) ? Number(v.value) : null;
  return n;
}

/** A setting's effective value as a boolean (`true`/`false`, 1/0), or null. */
export function boolValue(v: SettingValue): boolean | null {
  if (v.state !== "set") return null;
  if (typeof v.value === "boolean") return v.value;
  const text = String(v.value).trim().toLowerCase();
  return text === "true" || text === "1" ? true : text === "false" || text === "0" ? false : null;
}

/** How a value reads in a message: the value, `not set`, `conflicting` or `unreadable`. */
export function valueText(v: SettingValue): string {
  switch (v.state) {
    case "set":
      return JSON.stringify(v.value);
    case "unset":
      return "not set";
    case "conflict":
      return `conflicting (${v.setting.sources.map((s) => `${s.profileName}: ${JSON.stringify(s.value)}`).join("; ")})`;
    case "opaque":
      return "set but unreadable (masked by Graph)";
  }
}

/** Objects holofleet created carry this in their description. */
export function ownedBy(description: string | null | undefined, namingPrefix: string): boolean {
  return (description ?? "").includes(`[holofleet:${namingPrefix}]`);
}
