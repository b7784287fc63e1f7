import { describe, expect, it } from "vitest";
import { indexCspNodes, scopeOfUri } from "./csp-lookup.ts";
import type { CspNode } from "./types.ts";

function node(path: string, scope: "device" | "user"): CspNode {
  return { path, format: "chr", access: ["Get"], allowedValues: { kind: "none" }, defaultValue: null, scopes: [scope], hololens2: { supported: true, minBuild: null }, source: { file: "x.xml", sha256: "0".repeat(64) } };
}

const device = node("./Device/Vendor/MSFT/Policy/Config/Area/Thing", "device");
const user = node("./User/Vendor/MSFT/Policy/Config/Area/Thing", "user");
const wdac = node("./Vendor/MSFT/ApplicationControl/Policies/{PolicyGUID}/Policy", "device");
const wifiUser = node("./User/Vendor/MSFT/WiFi/Profile/{SSID}/WlanXml", "user");
const index = indexCspNodes([device, user, wdac, wifiUser]);

describe("scopeOfUri", () => {
  it("reads the scope prefix", () => {
    expect(scopeOfUri("./Device/Vendor/MSFT/X")).toEqual({ scope: "device", segments: ["Vendor", "MSFT", "X"] });
    expect(scopeOfUri("./Vendor/MSFT/X")).toEqual({ scope: "device", segments: ["Vendor", "MSFT", "X"] });
    expect(scopeOfUri("./User/Vendor/MSFT/X")?.scope).toBe("user");
  });

  it("rejects URIs that are not OMA-URIs", () => {
    for (const bad of ["Vendor/MSFT/X", "./device/Vendor/MSFT/X", "./Device/Vendor//X", "./Device/Vendor/MSFT/X/", "./Device/Other/X", "."]) expect(scopeOfUri(bad), bad).toBeUndefined();
  });
});

describe("indexCspNodes", () => {
  it("resolves ./Vendor and ./Device/Vendor to the device node and ./User to the user node", () => {
    expect(index.find("./Device/Vendor/MSFT/Policy/Config/Area/Thing")).toBe(device);
    expect(index.find("./Vendor/MSFT/Policy/Config/Area/Thing")).toBe(device);
    expect(index.find("./User/Vendor/MSFT/Policy/Config/Area/Thing")).toBe(user);
  });

  it("matches a dynamic segment with exactly one concrete segment, in the node's scope only", () => {
    expect(index.find("./Vendor/MSFT/ApplicationControl/Policies/A244370E-44C9-4C06-B551-F6016E563076/Policy")).toBe(wdac);
    expect(index.find("./Device/Vendor/MSFT/ApplicationControl/Policies/A244370E-44C9-4C06-B551-F6016E563076/Policy")).toBe(wdac);
    expect(index.find("./Vendor/MSFT/ApplicationControl/Policies/a/b/Policy")).toBeUndefined();
    expect(index.find("./Vendor/MSFT/ApplicationControl/Policies//Policy")).toBeUndefined();
    expect(index.find("./User/Vendor/MSFT/WiFi/Profile/Guest%20WiFi/WlanXml")).toBe(wifiUser);
    expect(index.find("./Device/Vendor/MSFT/WiFi/Profile/Guest/WlanXml")).toBeUndefined();
  });

  it("is case-sensitive, as OMA-DM URIs are", () => {
    expect(index.find("./Device/Vendor/MSFT/Policy/Config/Area/thing")).toBeUndefined();
    expect(index.find("./Vendor/MSFT/applicationcontrol/Policies/x/Policy")).toBeUndefined();
  });

  it("refuses a node whose path is not an OMA-URI", () => {
    expect(() => indexCspNodes([node("Vendor/MSFT/X", "device")])).toThrow(/unreadable path/);
  });
});
