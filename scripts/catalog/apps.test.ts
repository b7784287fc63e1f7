import { describe, expect, it } from "vitest";
import { parseApps, parseEdgeFileName } from "./apps.ts";
import { referenceFile } from "./reference.ts";

const md = (path: string, lines: string[]) => referenceFile(path, Buffer.from(lines.join("\n")));

const kiosk = (rows: string[]) =>
  md("docs/hololens-kiosk-reference.md", ["<a id=\"aumids\"></a>", "", "|App Name |AUMID |", "| --- | --- |", ...rows, "", "text"]);
const wdac = (rows: string[], snippet = '<Deny ID="ID_DENY_D_3_0" FriendlyName="C:\\Data\\Programs FileRule" PackageVersion="65535.65535.65535.65535" FileName="msedge.exe" />') =>
  md("docs/windows-defender-application-control-wdac.md", ["| App Name | Package Family Name |", "|---|---|", ...rows, "", "### Using WDAC to block new Microsoft Edge", "", "```xml", snippet, "```"]);

const baseKiosk = [
  "|Dynamics 365 Remote Assist |Microsoft.MicrosoftRemoteAssist\\_8wekyb3d8bbwe\\!Microsoft.RemoteAssist |",
  "|New Microsoft Edge |Microsoft.MicrosoftEdge.Stable_8wekyb3d8bbwe!MSEDGE |",
  "|Miracast<sup>4</sup> | &nbsp; |",
  "|Device Picker on HoloLens (1st gen) |HoloDevicesFlow\\_cw5n1h2txyewy\\!HoloDevicesFlow |",
];
const baseWdac = ["| Dynamics 365 Remote Assist | `Microsoft.MicrosoftRemoteAssist_8wekyb3d8bbwe`      |", "| App Installer              | `Microsoft.DesktopAppInstaller_8wekyb3d8bbwe` <sup>1</sup>         |"];

describe("parseApps", () => {
  it("joins the AUMID and PFN tables by display name", () => {
    const apps = parseApps(kiosk(baseKiosk), wdac(baseWdac));
    expect(apps.map((a) => a.id)).toEqual(["app-installer", "edge", "remote-assist"]);
    expect(apps.find((a) => a.id === "remote-assist")).toMatchObject({
      aumid: "Microsoft.MicrosoftRemoteAssist_8wekyb3d8bbwe!Microsoft.RemoteAssist",
      packageFamilyName: "Microsoft.MicrosoftRemoteAssist_8wekyb3d8bbwe",
      packageFamilyNameFrom: "wdac-table",
      denyAllowed: false,
      kioskAllowed: true,
      source: { file: "docs/hololens-kiosk-reference.md" },
    });
    expect(apps.find((a) => a.id === "edge")).toMatchObject({ packageFamilyNameFrom: "aumid", packageFamilyName: "Microsoft.MicrosoftEdge.Stable_8wekyb3d8bbwe", fileName: "msedge.exe", browser: true, denyAllowed: true });
    expect(apps.find((a) => a.id === "app-installer")).toMatchObject({ aumid: null, kioskAllowed: false, source: { file: "docs/windows-defender-application-control-wdac.md" } });
  });

  it("refuses a PFN that contradicts the AUMID, an unknown app name and a malformed AUMID", () => {
    expect(() => parseApps(kiosk(baseKiosk), wdac(["| Dynamics 365 Remote Assist | `Microsoft.RemoteAssist_8wekyb3d8bbwe` |"]))).toThrow(/PFN Microsoft\.RemoteAssist_8wekyb3d8bbwe disagrees with the AUMID/);
    expect(() => parseApps(kiosk([...baseKiosk, "|Holo Chess |Holo.Chess_8wekyb3d8bbwe!App |"]), wdac(baseWdac))).toThrow(/:9: app "Holo Chess" has no friendly id/);
    expect(() => parseApps(kiosk(["|Tips |Microsoft.HoloLensTips_8wekyb3d8bbwe |", ...baseKiosk]), wdac(baseWdac))).toThrow(/is not an AUMID/);
  });

  it("needs the new-Edge file rule", () => {
    expect(parseEdgeFileName(wdac([]))).toBe("msedge.exe");
    expect(() => parseApps(kiosk(baseKiosk), wdac(baseWdac, "<Deny ID=\"x\" />"))).toThrow(/no FileName in the new-Edge Deny rule/);
  });
});
