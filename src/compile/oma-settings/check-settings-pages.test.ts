import { describe, expect, it } from "vitest";
import { defaultCatalog } from "../catalog-port.ts";
import { secureBlueprint } from "../testing/blueprint-fixture.ts";
import { checkSettingsPages } from "./check-settings-pages.ts";

function check(pages: string[], build = "22621.1266") {
  const bp = secureBlueprint({ devices: { settingsPages: { mode: "showonly", pages }, osBaseline: { build, requested: build } } });
  return checkSettingsPages(bp.devices, defaultCatalog);
}

describe("checkSettingsPages", () => {
  it("the default network pages → fine", () => {
    expect(check(secureBlueprint().devices.settingsPages.pages)).toEqual([]);
  });

  it("an unknown page → HF3206 error at the page", () => {
    expect(check(["network-wifi", "network-teleport"])).toEqual([
      expect.objectContaining({ severity: "error", code: "HF3206", path: ["devices", "settingsPages", "pages", 1] }),
    ]);
  });

  it("network-proxy at a 21H1+ baseline → HF3207 warning (deprecated)", () => {
    expect(check(["network-proxy"])).toEqual([expect.objectContaining({ severity: "warning", code: "HF3207" })]);
    expect(check(["network-proxy"], "19041.1128")).toEqual([]);
  });

  it("a page newer than the baseline (appupdate, 23H1) → HF3207 warning", () => {
    expect(check(["appupdate"], "20348.1543")).toEqual([expect.objectContaining({ severity: "warning", code: "HF3207" })]);
    expect(check(["appupdate"], "22621.1113")).toEqual([]);
  });
});
