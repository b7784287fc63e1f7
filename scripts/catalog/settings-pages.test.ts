import { describe, expect, it } from "vitest";
import type { OsRelease } from "../../src/catalog/types.ts";
import { buildSettingsPages, parseDeprecatedPages } from "./settings-pages.ts";
import { referenceFile } from "./reference.ts";

const md = (path: string, lines: string[]) => referenceFile(path, Buffer.from(lines.join("\n")));
const source = { file: "docs/hololens-release-notes.md", sha256: "0".repeat(64) };
const releases: OsRelease[] = [
  { name: "20H2", build: "19041.1128", date: "2020-11", kind: "feature", source },
  { name: "21H1", build: "20346.1002", date: "2021-05", kind: "feature", source },
  { name: "23H1", build: "22621.1113", date: "2023-06", kind: "feature", source },
];

const uriList = md("docs/settings-uri-list.md", [
  "## Settings URIs",
  "### Network & Internet",
  "",
  "| Settings page | URI                              |",
  "|---------------|----------------------------------|",
  "| Airplane Mode <sup>2</sup> | `network-airplanemode`        |",
  "| Proxy | `network-proxy`        |",
  "| Wi-Fi  | `network-wifi`<br>`network-status`    |",
  "",
  "### Update & Security",
  "",
  "| Settings page                         | URI                                       |",
  "|---------------------------------------|-------------------------------------------|",
  "| Advanced Options                    | `windowsupdate-options`         |",
  "| Windows Update                        | `windowsupdate`<br><sup>1</sup>`windowsupdate-options`<br><sup>1</sup>`windowsupdate-restartoptions` |",
  "",
  "- <sup>1</sup> - For versions prior to Windows Holographic, version 21H1, the following two URIs don't actually take you to the **Advanced options** or **Options** pages; they only block or show the main Windows Update page.",
  "- <sup>2</sup> - Available in Windows Holographic 21H1 or higher.",
]);
const releaseNotes = md("docs/hololens-release-notes.md", ["## Windows Holographic, version 21H1", "", "> **Deprecated: ms-settings:network-proxy**", "## Windows Holographic, version 20H2"]);
const storeApps = md("docs/holographic-store-apps.md", ["To manually check for updates to Store apps from the Settings app, go to Apps -> App updates.  This is useful.", "IT admins are able to block or allow this page with the [Settings/PageVisibilityList policy](/x) with the URI `ms-settings:appupdate`.", "> The ability to check for app updates from the Settings app is only available to users on 23H1 and later builds."]);

describe("buildSettingsPages", () => {
  const pages = buildSettingsPages(uriList, releaseNotes, storeApps, releases);
  const page = (id: string) => pages.find((p) => p.id === id);

  it("reads one page per URI with its group, network flag and footnoted minimum", () => {
    expect(pages.map((p) => p.id)).toEqual(["appupdate", "network-airplanemode", "network-proxy", "network-status", "network-wifi", "windowsupdate", "windowsupdate-options", "windowsupdate-restartoptions"]);
    expect(page("network-airplanemode")).toMatchObject({ displayName: "Airplane Mode", group: "Network & Internet", network: true, minBuild: "20346.1002", deprecatedFromBuild: null });
    expect(page("network-status")).toMatchObject({ displayName: "Wi-Fi", network: true, minBuild: null });
    expect(page("windowsupdate")).toMatchObject({ group: "Update & Security", network: false });
  });

  it("merges a URI listed twice and keeps the footnote as a note", () => {
    expect(page("windowsupdate-options")).toMatchObject({ displayName: "Advanced Options", note: expect.stringMatching(/^For versions prior to Windows Holographic, version 21H1/) });
    expect(page("windowsupdate-restartoptions")?.note).toMatch(/only block or show the main Windows Update page/);
  });

  it("marks network-proxy deprecated from the release whose section says so", () => {
    expect(page("network-proxy")?.deprecatedFromBuild).toBe("20346.1002");
    expect(() => parseDeprecatedPages(md("n.md", ["**Deprecated: ms-settings:x**"]), releases)).toThrow(/n\.md:1: deprecation outside a release section/);
    expect(() => parseDeprecatedPages(md("n.md", ["## Windows Holographic, version 21H1", "## Other news", "**Deprecated: ms-settings:x**"]), releases)).toThrow(/n\.md:3: deprecation outside a release section/);
  });

  it("adds appupdate from the store-apps page", () => {
    expect(page("appupdate")).toMatchObject({ displayName: "App updates", group: "Apps", network: false, minBuild: "22621.1113", source: { file: "docs/holographic-store-apps.md" } });
  });
});
