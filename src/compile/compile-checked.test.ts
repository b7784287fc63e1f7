import { describe, expect, it } from "vitest";
import type { CatalogApp } from "../catalog/types.ts";
import { defaultCatalog, type CompileCatalog } from "./catalog-port.ts";
import { compileChecked } from "./compile-checked.ts";
import { secureBlueprint } from "./testing/blueprint-fixture.ts";

describe("compileChecked", () => {
  it("a valid blueprint → the compile result with no extra diagnostics", async () => {
    const result = await compileChecked(secureBlueprint({ devices: { kiosk: { exclusions: ["device-owners"] } } }));
    expect(result.diagnostics).toEqual([]);
    expect(result.artifacts.map((a) => a.kind)).toEqual(expect.arrayContaining(["kiosk-xml", "app-control-xml"]));
  });

  it("kiosk XML libxml2 rejects → HF3103 located in the artifact, even though compile() itself passed", async () => {
    // A control character is not allowed anywhere in XML 1.0; a catalog entry carrying one must not reach a device.
    const broken: CatalogApp = { ...defaultCatalog.findApp("settings")!, id: "broken", aumid: "Broken\u0001App_cw5n1h2txyewy!App" };
    const catalog: CompileCatalog = { ...defaultCatalog, findApp: (id) => (id === "broken" ? broken : defaultCatalog.findApp(id)) };
    const bp = secureBlueprint({ devices: { kiosk: { apps: ["remote-assist", "broken"] } } });
    const result = await compileChecked(bp, catalog);
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result.diagnostics.every((d) => d.code === "HF3103")).toBe(true);
    expect(result.diagnostics[0]!.source?.file).toBe("kiosk/assigned-access.xml");
  });
});
