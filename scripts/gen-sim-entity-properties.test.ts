import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hasCsdlReference, typeProperties } from "../src/tenant-sim/conformance/csdl.ts";
import { buildEntityProperties } from "./gen-sim-entity-properties.ts";

const committed = JSON.parse(readFileSync(new URL("../src/tenant-sim/generated/entity-properties.json", import.meta.url), "utf8")) as Record<string, unknown>;

describe("generated entity-properties.json", () => {
  it.skipIf(!hasCsdlReference())("is current: regenerating from the reference gives the committed file", () => {
    const { "//": header, ...rest } = committed;
    expect(header).toMatch(/DO NOT EDIT/);
    expect(rest).toEqual(buildEntityProperties());
  });

  it.skipIf(!hasCsdlReference())("holds the schema's names: v1.0 from the CSDL, beta from the type mappings", () => {
    const built = buildEntityProperties();
    const v1 = typeProperties("managedDevice", "v1.0")!;
    const entry = built["v1.0"]["microsoft.graph.managedDevice"]!;
    expect([...entry.properties, ...entry.navigationProperties].sort()).toEqual([...v1.keys()].sort());
    // Beta-only: the HoloLens profile's base type and its beta navigation.
    expect(built["v1.0"]["microsoft.graph.windowsAutopilotDeviceIdentity"]!.navigationProperties).not.toContain("intendedDeploymentProfile");
    expect(built.beta["microsoft.graph.windowsAutopilotDeviceIdentity"]!.navigationProperties).toContain("intendedDeploymentProfile");
    expect(built.beta["microsoft.graph.windowsAutopilotDeploymentProfile"]!.properties).toContain("outOfBoxExperienceSetting");
  });
});
