import { describe, expect, it } from "vitest";
import { readSiPolicyXml } from "./app-control/index.ts";
import { compileAppControlPolicy } from "./app-control-policy.ts";
import { defaultCatalog } from "./catalog-port.ts";
import { secureBlueprint } from "./testing/blueprint-fixture.ts";

describe("compileAppControlPolicy", () => {
  it("denies the listed apps by package family name and the new Edge by msedge.exe", () => {
    const r = compileAppControlPolicy(secureBlueprint({ devices: { appControl: { blockApps: ["store", "mail"], blockBrowser: true } } }), defaultCatalog);
    expect(r.diagnostics).toEqual([]);
    expect(r.deniedApps).toEqual(["edge", "edge-legacy", "mail", "store"]);
    expect(r.packageFamilyNames).toEqual([
      "Microsoft.MicrosoftEdge.Stable_8wekyb3d8bbwe",
      "Microsoft.MicrosoftEdge_8wekyb3d8bbwe",
      "Microsoft.WindowsStore_8wekyb3d8bbwe",
      "microsoft.windowscommunicationsapps_8wekyb3d8bbwe",
    ]);
    expect(r.fileNames).toEqual(["msedge.exe"]);
    expect(r.fileBase).toBe("app-control/A244370E-44C9-4C06-B551-F6016E563076");
    expect(r.binary!.byteLength).toBeGreaterThan(0);
  });

  it("the XML reads back with the same deny rules and policy id", () => {
    const r = compileAppControlPolicy(secureBlueprint(), defaultCatalog);
    const { model, diagnostics } = readSiPolicyXml(r.xml!, "p.xml");
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(model!.policyId).toBe("{A244370E-44C9-4C06-B551-F6016E563076}");
    const denied = model!.fileRules.filter((f) => f.kind === "Deny");
    expect(denied.flatMap((f) => (f.packageFamilyName ? [f.packageFamilyName] : [])).sort()).toEqual(r.packageFamilyNames);
    expect(denied.flatMap((f) => (f.fileName ? [f.fileName] : []))).toEqual(["msedge.exe"]);
  });

  it("blockBrowser: false with no browser in blockApps → Edge is not denied", () => {
    const r = compileAppControlPolicy(secureBlueprint({ devices: { appControl: { blockApps: ["store"], blockBrowser: false } } }), defaultCatalog);
    expect(r.deniedApps).toEqual(["store"]);
    expect(r.fileNames).toEqual([]);
  });

  it("Remote Assist cannot be denied → HF3401 at its index, no policy", () => {
    const r = compileAppControlPolicy(secureBlueprint({ devices: { appControl: { blockApps: ["store", "remote-assist"] } } }), defaultCatalog);
    expect(r.xml).toBeNull();
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: "HF3401", path: ["devices", "appControl", "blockApps", 1] })]);
  });

  it("an unknown app → HF3401", () => {
    const r = compileAppControlPolicy(secureBlueprint({ devices: { appControl: { blockApps: ["solitaire"] } } }), defaultCatalog);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: "HF3401" })]);
  });

  it("a malformed policy version → the app-control module's diagnostic at devices.appControl", () => {
    const r = compileAppControlPolicy(secureBlueprint({ devices: { appControl: { policyVersion: "10.0" } } }), defaultCatalog);
    expect(r.binary).toBeNull();
    expect(r.diagnostics[0]).toMatchObject({ severity: "error", path: ["devices", "appControl"] });
  });

  it("app control off → nothing", () => {
    const r = compileAppControlPolicy(secureBlueprint({ devices: { appControl: { enabled: false } } }), defaultCatalog);
    expect([r.xml, r.binary, r.diagnostics]).toEqual([null, null, []]);
  });
});
