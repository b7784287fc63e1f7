import { describe, expect, it } from "vitest";
import { buildOfRelease, findSettingsPage, osReleases, settingsPages } from "../../../catalog/index.ts";
import { defaultSettingsPages, settingsPageExistsAt, settingsPagesSchema } from "./settings-pages.ts";

const at = (release: string) => defaultSettingsPages(buildOfRelease(release)!);

describe("defaultSettingsPages", () => {
  it("follows the catalog: network-proxy until 21H1, network-airplanemode from 21H1 (hololens-facts §11)", () => {
    expect(at("20H2")).toEqual(["network-wifi", "network-wifisettings", "network-status", "wifi-provisioning", "network-vpn", "network-proxy"]);
    expect(at("21H1")).toEqual(["network-wifi", "network-wifisettings", "network-status", "wifi-provisioning", "network-vpn", "network-airplanemode"]);
    expect(at("23H2")).toEqual(at("21H1"));
  });

  it("at every build in the catalog: only network pages, each existing at that build", () => {
    for (const release of osReleases) {
      const pages = defaultSettingsPages(release.build);
      expect(pages.length, release.name).toBeGreaterThanOrEqual(5);
      for (const id of pages) {
        const page = findSettingsPage(id)!;
        expect(page.network, id).toBe(true);
        expect(settingsPageExistsAt(page, release.build), `${id} at ${release.name}`).toBe(true);
      }
      // …and every network page that exists is there.
      const existing = settingsPages.filter((p) => p.network && settingsPageExistsAt(p, release.build)).map((p) => p.id);
      expect([...pages].sort(), release.name).toEqual(existing.sort());
    }
  });

  it("a page exists from its minimum build until the build that deprecates it", () => {
    const page = { minBuild: "20346.1002", deprecatedFromBuild: "22621.1113" };
    expect(settingsPageExistsAt(page, "19041.1128")).toBe(false);
    expect(settingsPageExistsAt(page, "20346.1002")).toBe(true);
    expect(settingsPageExistsAt(page, "22621.1112")).toBe(true);
    expect(settingsPageExistsAt(page, "22621.1113")).toBe(false);
    expect(settingsPageExistsAt({ minBuild: null, deprecatedFromBuild: null }, "18362.1039")).toBe(true);
  });
});

describe("settingsPagesSchema", () => {
  it("leaves pages out when not given (the blueprint fills them from the baseline)", () => {
    expect(settingsPagesSchema.parse({})).toEqual({ mode: "showonly" });
  });

  it("accepts catalog ids with capitals; names the catalog lacks are left to the semantic check (HF2008)", () => {
    expect(settingsPagesSchema.parse({ pages: ["privacy-graphicsCaptureProgrammatic"] }).pages).toEqual(["privacy-graphicsCaptureProgrammatic"]);
    expect(settingsPagesSchema.safeParse({ pages: ["ms-settings:network-wifi"] }).success).toBe(true);
    expect(settingsPagesSchema.safeParse({ pages: ["network wifi\n"] }).success).toBe(false);
  });
});
