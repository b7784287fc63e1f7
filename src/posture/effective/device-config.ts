/**
 * What a set of profiles configures on a device, read out of the effective OMA settings: the kiosk (the
 * AssignedAccess XML), app control, the visible Settings pages, and every single-value policy the guide
 * names. Devices reached by the same profiles share one `DeviceConfig` (a fleet has a handful of profile
 * sets, not one per device).
 */
import { findApp, apps } from "../../catalog/index.ts";
import { omaNodeKey } from "../../guide/oma-uri.ts";
import { appControlPosture, type AppControlPosture, type DecodedPolicyCache } from "./app-control.ts";
import { readAssignedAccess, sameProfileId, type AssignedAccessConfig } from "./assigned-access.ts";
import type { EffectiveSetting, OmaValue } from "./oma-values.ts";
import { readPageVisibility, type PageVisibility } from "./settings-pages.ts";

/** The state of one node on the device. */
export type SettingValue =
  | { state: "unset" }
  | { state: "set"; value: OmaValue; setting: EffectiveSetting }
  | { state: "conflict"; setting: EffectiveSetting }
  | { state: "opaque"; setting: EffectiveSetting };

export interface KioskAppOnDevice {
  aumid: string;
  /** The catalog id of the app, when the catalog knows the AUMID. */
  appId: string | null;
  autoLaunch: boolean;
}

export type KioskPosture =
  | { state: "unset" }
  | { state: "conflict" | "opaque"; profileNames: string[] }
  | { state: "invalid"; error: string; profileNames: string[] }
  | {
      state: "set";
      profileNames: string[];
      config: AssignedAccessConfig;
      /** The global profile's apps; null when there is no global profile (per-user kiosks only). */
      globalApps: KioskAppOnDevice[] | null;
      excludesDeviceOwners: boolean;
    };

export type PagesPosture = { state: "unset" } | { state: "conflict" | "opaque" | "invalid"; profileNames: string[] } | { state: "set"; profileNames: string[]; visibility: PageVisibility };

export interface DeviceConfig {
  settings: ReadonlyMap<string, EffectiveSetting>;
  conflicts: EffectiveSetting[];
  kiosk: KioskPosture;
  appControl: AppControlPosture;
  settingsPages: PagesPosture;
  /** The state of a node by OMA-URI (either form). */
  value(omaUri: string): SettingValue;
}

const KIOSK_NODE = "./vendor/msft/assignedaccess/configuration";
const PAGES_NODE = "./vendor/msft/policy/config/settings/pagevisibilitylist";

const appByAumid = new Map(apps.filter((a) => a.aumid).map((a) => [a.aumid!.toLowerCase(), a.id]));

/** The catalog id of an AUMID (case-insensitive), or null. */
export function appIdOfAumid(aumid: string): string | null {
  return appByAumid.get(aumid.toLowerCase()) ?? null;
}

function kioskOf(setting: EffectiveSetting | undefined): KioskPosture {
  if (!setting) return { state: "unset" };
  const profileNames = setting.sources.map((s) => s.profileName);
  if (setting.conflict) return { state: "conflict", profileNames };
  if (setting.value === null) return { state: "opaque", profileNames };
  const xml = typeof setting.value === "string" && setting.sources[0]!.type === "omaSettingStringXml" ? decodeXmlValue(setting.value) : String(setting.value);
  const read = readAssignedAccess(xml);
  if (!read.ok) return { state: "invalid", error: read.error, profileNames };
  const global = read.config.globalProfileId === null ? undefined : read.config.profiles.find((p) => sameProfileId(p.id, read.config.globalProfileId!));
  return {
    state: "set",
    profileNames,
    config: read.config,
    globalApps: global ? global.apps.map((a) => ({ aumid: a.aumid, appId: appIdOfAumid(a.aumid), autoLaunch: a.autoLaunch })) : null,
    excludesDeviceOwners: read.config.excludesDeviceOwners,
  };
}

/** `omaSettingStringXml` carries its XML as Base64 (Edm.Binary, graph-facts §4.1). */
function decodeXmlValue(value: string): string {
  return value.trimStart().startsWith("<") ? value : Buffer.from(value, "base64").toString("utf8");
}

function pagesOf(setting: EffectiveSetting | undefined): PagesPosture {
  if (!setting) return { state: "unset" };
  const profileNames = setting.sources.map((s) => s.profileName);
  if (setting.conflict) return { state: "conflict", profileNames };
  if (setting.value === null) return { state: "opaque", profileNames };
  const visibility = readPageVisibility(String(setting.value));
  return visibility ? { state: "set", profileNames, visibility } : { state: "invalid", profileNames };
}

export function deviceConfigOf(settings: ReadonlyMap<string, EffectiveSetting>, cache: DecodedPolicyCache): DeviceConfig {
  return {
    settings,
    conflicts: [...settings.values()].filter((s) => s.conflict),
    kiosk: kioskOf(settings.get(KIOSK_NODE)),
    appControl: appControlPosture(settings, cache),
    settingsPages: pagesOf(settings.get(PAGES_NODE)),
    value(omaUri) {
      const setting = settings.get(omaNodeKey(omaUri));
      if (!setting) return { state: "unset" };
      if (setting.conflict) return { state: "conflict", setting };
      if (setting.value === null) return { state: "opaque", setting };
      return { state: "set", value: setting.value, setting };
    },
  };
}

/** A catalog app's display name, or the id itself. */
export function appName(id: string): string {
  return findApp(id)?.displayName ?? id;
}
