import { readFileSync } from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import type { KioskSettings } from "../../blueprint/types.ts";
import type { CatalogApp } from "../../catalog/types.ts";
import { defaultCatalog } from "../catalog-port.ts";
import { secureBlueprint } from "../testing/blueprint-fixture.ts";
import { referenceDir } from "../testing/reference-dir.ts";
import { ASSIGNED_ACCESS_NS, compileKioskXml } from "./compile-kiosk-xml.ts";
import { validateKioskXml } from "./validate-kiosk-xml.ts";

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", removeNSPrefix: false, isArray: (name) => ["App", "start:Tile"].includes(name) });

function kiosk(overrides: Partial<KioskSettings> = {}): KioskSettings {
  return { ...secureBlueprint().devices.kiosk, ...overrides };
}

function aumid(id: string): string {
  const app = defaultCatalog.findApp(id);
  if (!app?.aumid) throw new Error(`test needs catalog app ${id}`);
  return app.aumid;
}

interface ParsedApp {
  AppUserModelId: string;
  "rs5:AutoLaunch"?: string;
}

function parse(xml: string) {
  const doc = parser.parse(xml);
  const root = doc.AssignedAccessConfiguration;
  const profile = root.Profiles.Profile;
  const apps: ParsedApp[] = profile.AllAppsList.AllowedApps.App;
  const layout = parser.parse(profile.StartLayout["#text"] ?? profile.StartLayout);
  return { root, profile, apps, layout, global: root.Configs["v3:GlobalProfile"] };
}

const VARIANTS: [string, Partial<KioskSettings>][] = [
  ["default (Remote Assist + Settings, auto-launch RA)", {}],
  ["device owners excluded", { exclusions: ["device-owners"] }],
  ["no auto-launch, no taskbar", { autoLaunch: null, showTaskbar: false }],
  ["Guides as the calling app", { apps: ["dynamics-365-guides", "settings", "feedback-hub"], autoLaunch: "dynamics-365-guides", callingApp: "dynamics-365-guides" }],
  ["seven apps (tiles wrap to a third row)", { apps: ["remote-assist", "settings", "feedback-hub", "camera", "photos", "device-picker", "tips"] }],
  ["single app", { apps: ["remote-assist"], autoLaunch: "remote-assist" }],
];

describe("compileKioskXml", () => {
  it.each(VARIANTS)("%s → validates against the AssignedAccess XSDs", async (_name, overrides) => {
    const result = compileKioskXml(kiosk(overrides), defaultCatalog);
    expect(result.diagnostics).toEqual([]);
    expect(result.xml).not.toBeNull();
    expect(await validateKioskXml(result.xml!)).toEqual({ valid: true, errors: [] });
  });

  it("lists the apps by AUMID, in blueprint order, with rs5:AutoLaunch only on the auto-launch app", () => {
    const k = kiosk({ apps: ["settings", "remote-assist", "feedback-hub"], autoLaunch: "remote-assist" });
    const { apps } = parse(compileKioskXml(k, defaultCatalog).xml!);
    expect(apps.map((a) => a.AppUserModelId)).toEqual([aumid("settings"), aumid("remote-assist"), aumid("feedback-hub")]);
    expect(apps.filter((a) => a["rs5:AutoLaunch"] !== undefined)).toEqual([{ AppUserModelId: aumid("remote-assist"), "rs5:AutoLaunch": "true" }]);
  });

  it("global profile references the profile id; namespaces are the HoloLens sample's", () => {
    const { root, profile, global } = parse(compileKioskXml(kiosk(), defaultCatalog).xml!);
    expect(profile.Id).toBe("{8739C257-184F-45DD-8657-C235819172A3}");
    expect(global.Id).toBe(profile.Id);
    expect(root.xmlns).toBe(ASSIGNED_ACCESS_NS.default);
    expect(root["xmlns:v3"]).toBe("http://schemas.microsoft.com/AssignedAccess/2020/config");
    expect(root["xmlns:rs5"]).toBe("http://schemas.microsoft.com/AssignedAccess/201810/config");
    expect(global["v5:Exclusions"]).toBeUndefined();
    expect(root["xmlns:v5"]).toBeUndefined();
  });

  it("exclusions: device-owners → v5:Exclusions/SpecialGroup DeviceOwner in the 202010 namespace", () => {
    const { root, global } = parse(compileKioskXml(kiosk({ exclusions: ["device-owners"] }), defaultCatalog).xml!);
    expect(global["v5:Exclusions"]["v5:SpecialGroup"]).toEqual({ Name: "DeviceOwner" });
    expect(root["xmlns:v5"]).toBe("http://schemas.microsoft.com/AssignedAccess/202010/config");
  });

  it("StartLayout is a CDATA LayoutModificationTemplate with one 2x2 tile per app on a 6-cell grid", () => {
    const k = kiosk({ apps: ["remote-assist", "settings", "feedback-hub", "camera"] });
    const xml = compileKioskXml(k, defaultCatalog).xml!;
    expect(xml).toMatch(/<StartLayout>\s*<!\[CDATA\[<LayoutModificationTemplate /);
    const { layout } = parse(xml);
    const group = layout.LayoutModificationTemplate.DefaultLayoutOverride.StartLayoutCollection["defaultlayout:StartLayout"]["start:Group"];
    const tiles = group["start:Tile"].map((t: Record<string, string>) => [t.AppUserModelID, t.Column, t.Row, t.Size]);
    expect(tiles).toEqual([
      [aumid("remote-assist"), "0", "0", "2x2"],
      [aumid("settings"), "2", "0", "2x2"],
      [aumid("feedback-hub"), "4", "0", "2x2"],
      [aumid("camera"), "0", "2", "2x2"],
    ]);
  });

  it("taskbar follows showTaskbar", () => {
    expect(parse(compileKioskXml(kiosk({ showTaskbar: false }), defaultCatalog).xml!).profile.Taskbar).toEqual({ ShowTaskbar: "false" });
    expect(parse(compileKioskXml(kiosk({ showTaskbar: true }), defaultCatalog).xml!).profile.Taskbar).toEqual({ ShowTaskbar: "true" });
  });

  it("escapes markup characters in AUMIDs, in the profile and inside the CDATA layout", async () => {
    const odd: CatalogApp = {
      ...defaultCatalog.findApp("remote-assist")!,
      id: "odd",
      aumid: `Odd&<App>"'_8wekyb3d8bbwe!]]>App`,
    };
    const catalog = { findApp: (id: string) => (id === "odd" ? odd : defaultCatalog.findApp(id)) };
    const result = compileKioskXml(kiosk({ apps: ["odd", "settings"], autoLaunch: "odd" }), catalog);
    expect(result.diagnostics).toEqual([]);
    expect(await validateKioskXml(result.xml!)).toEqual({ valid: true, errors: [] });
    const parsed = parse(result.xml!);
    expect(parsed.apps[0]!.AppUserModelId).toBe(odd.aumid);
    const tiles = parsed.layout.LayoutModificationTemplate.DefaultLayoutOverride.StartLayoutCollection["defaultlayout:StartLayout"]["start:Group"]["start:Tile"];
    expect(tiles[0].AppUserModelID).toBe(odd.aumid);
  });

  it("disabled kiosk → no XML, no diagnostics", () => {
    expect(compileKioskXml(kiosk({ enabled: false }), defaultCatalog)).toEqual({ xml: null, aumids: [], diagnostics: [] });
  });

  it.each([
    ["unknown app", { apps: ["remote-assist", "hololens-paint"] }, "HF3101", ["devices", "kiosk", "apps", 1]],
    ["app without an AUMID (App Installer)", { apps: ["remote-assist", "app-installer"] }, "HF3101", ["devices", "kiosk", "apps", 1]],
    ["auto-launch app not in the list", { apps: ["settings"], autoLaunch: "remote-assist" }, "HF3102", ["devices", "kiosk", "autoLaunch"]],
    ["profile id without braces", { profileId: "8739C257-184F-45DD-8657-C235819172A3" }, "HF3105", ["devices", "kiosk", "profileId"]],
    ["no apps", { apps: [], autoLaunch: null }, "HF3101", ["devices", "kiosk", "apps"]],
  ] as const)("%s → %s, no XML", (_name, overrides, code, path) => {
    const result = compileKioskXml(kiosk(overrides as Partial<KioskSettings>), defaultCatalog);
    expect(result.xml).toBeNull();
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ severity: "error", code, path }));
  });

  it("an app the catalog marks as not kiosk-capable → HF3104", () => {
    const notKiosk: CatalogApp = { ...defaultCatalog.findApp("tips")!, kioskAllowed: false };
    const result = compileKioskXml(kiosk({ apps: ["remote-assist", "tips"] }), { findApp: (id) => (id === "tips" ? notKiosk : defaultCatalog.findApp(id)) });
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: "HF3104", path: ["devices", "kiosk", "apps", 1] }));
  });

  it("same kiosk → same bytes", () => {
    expect(compileKioskXml(kiosk(), defaultCatalog).xml).toBe(compileKioskXml(kiosk(), defaultCatalog).xml);
  });
});

describe.skipIf(referenceDir() === null)("compared with Microsoft's HoloLens samples", () => {
  const sample = (name: string) => readFileSync(path.join(referenceDir()!, "samples", name), "utf8");
  /** Profiles and configs as data, without comments, whitespace or the StartLayout payload. */
  function shape(xml: string) {
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", ignoreDeclaration: true, commentPropName: false as unknown as string, isArray: (n) => n === "App" }).parse(xml);
    const root = doc.AssignedAccessConfiguration;
    const profile = root.Profiles.Profile;
    return {
      namespaces: Object.fromEntries(Object.entries(root).filter(([k]) => k.startsWith("@xmlns"))),
      profileId: profile["@Id"],
      apps: profile.AllAppsList.AllowedApps.App,
      taskbar: profile.Taskbar,
      configs: root.Configs,
    };
  }

  it.each([
    ["kiosk-sample-global-multiapp-for-everyone.xml", [] as const],
    ["kiosk-sample-global-multiapp-for-everyone-excluding-device-owners.xml", ["device-owners"] as const],
  ])("%s: same apps, auto-launch, taskbar and global profile", (name, exclusions) => {
    const ours = compileKioskXml(
      kiosk({ apps: ["remote-assist", "feedback-hub", "settings"], autoLaunch: "remote-assist", exclusions: [...exclusions], profileId: "{8739C257-184F-45DD-8657-C235819172A3}" }),
      defaultCatalog,
    ).xml!;
    const a = shape(ours);
    const b = shape(sample(name));
    expect(a.apps).toEqual(b.apps);
    expect(a.profileId).toBe(b.profileId);
    expect(a.taskbar).toEqual(b.taskbar);
    expect(a.configs).toEqual(b.configs);
    // We declare only the namespaces we use; each one we declare is bound as in the sample.
    for (const [attr, uri] of Object.entries(a.namespaces)) expect(b.namespaces[attr], attr).toBe(uri);
  });
});
