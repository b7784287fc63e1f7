import { describe, expect, it } from "vitest";
import { omaInteger } from "../oma-settings/oma-setting.ts";
import { secureBlueprint } from "../testing/blueprint-fixture.ts";
import { graphSchemas, unknownKeys } from "../testing/graph-schema.ts";
import { customConfiguration, PROFILE_SPECS } from "./custom-configurations.ts";

const b = omaInteger("B", "", "./Device/Vendor/MSFT/Policy/Config/B/B", 1);
const a = omaInteger("A", "", "./Device/Vendor/MSFT/Policy/Config/A/A", 0);

describe("customConfiguration", () => {
  it("a windows10CustomConfiguration with a prefixed name, the ownership marker and settings sorted by OMA-URI", () => {
    const r = customConfiguration(secureBlueprint(), { ...PROFILE_SPECS.restrictions, settings: [b, a] });
    expect(r).toMatchObject({ kind: "customConfiguration", address: "customConfiguration.device-restrictions", api: "v1.0", collection: "/deviceManagement/deviceConfigurations" });
    expect(r.body["@odata.type"]).toBe("#microsoft.graph.windows10CustomConfiguration");
    expect(r.body.displayName).toBe("HF HoloLens 2 device restrictions");
    expect(r.body.description).toMatch(/\[holofleet:HF\]$/);
    expect(r.body.omaSettings).toEqual([a, b]);
  });

  it.skipIf(graphSchemas() === null)("body keys exist on windows10CustomConfiguration, setting keys on omaSettingInteger (CSDL)", () => {
    const { v1 } = graphSchemas()!;
    const r = customConfiguration(secureBlueprint(), { ...PROFILE_SPECS.kiosk, settings: [a] });
    const { omaSettings, ...rest } = r.body;
    expect(unknownKeys(v1, "windows10CustomConfiguration", rest)).toEqual([]);
    for (const s of omaSettings as Record<string, unknown>[]) expect(unknownKeys(v1, "omaSettingInteger", s)).toEqual([]);
  });
});
