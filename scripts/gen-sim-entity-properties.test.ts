import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { boundActionParameters, hasCsdlReference, isOpenType, typeProperties } from "../src/tenant-sim/conformance/csdl.ts";
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

  it.skipIf(!hasCsdlReference())("nests the complex types of the directory bodies and of assignLicense, per version", () => {
    const built = buildEntityProperties();
    for (const version of ["v1.0", "beta"] as const) {
      expect(built[version]["microsoft.graph.user"]!.complexProperties).toMatchObject({
        passwordProfile: "microsoft.graph.passwordProfile",
        onPremisesExtensionAttributes: "microsoft.graph.onPremisesExtensionAttributes",
      });
      expect(built.actions[version]["microsoft.graph.user/assignLicense"]).toEqual({ complexParameters: { addLicenses: "microsoft.graph.assignedLicense" } });
      expect(built.actions[version]["microsoft.graph.group/assignLicense"]).toEqual({ complexParameters: { addLicenses: "microsoft.graph.assignedLicense" } });
      expect(built.complexTypes[version]["microsoft.graph.assignedLicense"]).toEqual({ properties: ["disabledPlans", "skuId"] });
      expect(built.complexTypes[version]["microsoft.graph.passwordProfile"]!.properties).toEqual(["forceChangePasswordNextSignIn", "forceChangePasswordNextSignInWithMfa", "password"]);
      expect(built.complexTypes[version]["microsoft.graph.customSecurityAttributeValue"]!.open).toBe(true);
      expect(built.complexTypes[version]["microsoft.graph.timeZoneBase"]!.derivedTypes).toEqual(["microsoft.graph.customTimeZone"]);
      // Intune bodies are not checked for undeclared properties, so their types nest nothing.
      expect(built[version]["microsoft.graph.managedDevice"]!.complexProperties).toBeUndefined();
    }
    // Every complex type named anywhere is itself generated.
    for (const version of ["v1.0", "beta"] as const) {
      const named = [
        ...Object.values(built[version]).flatMap((e) => Object.values(e?.complexProperties ?? {})),
        ...Object.values(built.complexTypes[version]).flatMap((e) => [...Object.values(e.complexProperties ?? {}), ...(e.derivedTypes ?? [])]),
        ...Object.values(built.actions[version]).flatMap((e) => Object.values(e?.complexParameters ?? {})),
      ];
      for (const type of named) expect(built.complexTypes[version][type], `${version} ${type}`).toBeDefined();
    }
  });

  it.skipIf(!hasCsdlReference())("reads bound action parameters and open types from the CSDL", () => {
    expect([...boundActionParameters("group", "assignLicense", "v1.0")!.entries()]).toEqual([
      ["addLicenses", { type: "microsoft.graph.assignedLicense", collection: true, nullable: false, navigation: false }],
      ["removeLicenses", { type: "Edm.Guid", collection: true, nullable: false, navigation: false }],
    ]);
    expect(boundActionParameters("user", "assignLicense", "beta")?.has("addLicenses")).toBe(true);
    expect(boundActionParameters("domain", "assignLicense", "v1.0")).toBeUndefined();
    expect(isOpenType("customSecurityAttributeValue", "v1.0")).toBe(true);
    expect(isOpenType("passwordProfile", "beta")).toBe(false);
    expect(isOpenType("noSuchType", "v1.0")).toBeUndefined();
  });
});
