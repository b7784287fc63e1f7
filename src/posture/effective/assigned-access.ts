/**
 * Reads an AssignedAccess configuration (the XML at `./Device/Vendor/MSFT/AssignedAccess/Configuration`):
 * its profiles with their allowed apps and auto-launch app, which profile is global (`v3:GlobalProfile`,
 * guide §GR-5) and whether device owners are excluded from it (`v5:Exclusions`), and which accounts or groups
 * get which profile. Namespace prefixes vary between files (the samples use `rs5:`, `v3:`, `v5:`), so they are
 * dropped and elements are matched by local name. Not well-formed XML comes back as an error, not a throw.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";

export interface KioskApp {
  aumid: string;
  autoLaunch: boolean;
}

export interface KioskProfile {
  id: string;
  apps: KioskApp[];
  /** A single-app kiosk (`KioskModeApp`) rather than a multi-app list. */
  singleApp: boolean;
}

export interface AssignedAccessConfig {
  profiles: KioskProfile[];
  /** The profile every user gets, or null when the configuration has no global profile. */
  globalProfileId: string | null;
  /** The global profile leaves device owners out (`SpecialGroup Name="DeviceOwner"`). */
  excludesDeviceOwners: boolean;
  /** Profiles assigned to accounts or groups (`Configs/Config`). */
  assigned: { account: string | null; group: string | null; profileId: string }[];
}

export type AssignedAccessResult = { ok: true; config: AssignedAccessConfig } | { ok: false; error: string };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: true,
  parseAttributeValue: false,
  parseTagValue: false,
  // Every element that can repeat is a list, so one app and many apps read the same way.
  isArray: (name) => ["Profile", "App", "Config", "SpecialGroup", "Account", "UserGroup"].includes(name),
  processEntities: false,
  htmlEntities: false,
});

type Node = Record<string, unknown>;
const list = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v === undefined || v === null || v === "" ? [] : [v as Node]);
const attr = (n: Node | undefined, name: string): string | null => {
  const v = n?.[`@_${name}`];
  return typeof v === "string" ? v : null;
};
const child = (n: Node | undefined, name: string): Node | undefined => {
  const v = n?.[name];
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Node) : undefined;
};

/** Braces and case do not matter in profile ids (`guid_t`). */
export function sameProfileId(a: string, b: string): boolean {
  return a.replace(/[{}]/g, "").toLowerCase() === b.replace(/[{}]/g, "").toLowerCase();
}

export function readAssignedAccess(xml: string): AssignedAccessResult {
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: true });
  if (valid !== true) return { ok: false, error: `not well-formed XML: ${valid.err.msg} (line ${valid.err.line})` };
  const doc = parser.parse(xml) as Node;
  const root = child(doc, "AssignedAccessConfiguration");
  if (!root) return { ok: false, error: "the root element is not AssignedAccessConfiguration" };

  const profiles: KioskProfile[] = list(child(root, "Profiles")?.Profile).map((p) => {
    const kioskModeApp = child(p, "KioskModeApp");
    if (kioskModeApp) {
      const aumid = attr(kioskModeApp, "AppUserModelId");
      return { id: attr(p, "Id") ?? "", apps: aumid ? [{ aumid, autoLaunch: true }] : [], singleApp: true };
    }
    const apps = list(child(child(p, "AllAppsList"), "AllowedApps")?.App).flatMap((a) => {
      const aumid = attr(a, "AppUserModelId");
      return aumid ? [{ aumid, autoLaunch: attr(a, "AutoLaunch")?.toLowerCase() === "true" }] : [];
    });
    return { id: attr(p, "Id") ?? "", apps, singleApp: false };
  });

  const configs = child(root, "Configs");
  const global = child(configs, "GlobalProfile");
  const exclusions = list(child(global, "Exclusions")?.SpecialGroup);
  const assigned = list(configs?.Config).flatMap((c) => {
    const profileId = attr(child(c, "DefaultProfile"), "Id");
    if (!profileId) return [];
    const text = (v: unknown): string | null => (typeof v === "string" ? v : typeof (v as Node)?.["#text"] === "string" ? ((v as Node)["#text"] as string) : null);
    const account = list(c.Account).map(text)[0] ?? text(c.AutoLogonAccount) ?? null;
    const group = attr(list(c.UserGroup)[0], "Name");
    return [{ account, group, profileId }];
  });
  return {
    ok: true,
    config: {
      profiles,
      globalProfileId: attr(global, "Id"),
      excludesDeviceOwners: exclusions.some((g) => attr(g, "Name") === "DeviceOwner"),
      assigned,
    },
  };
}
