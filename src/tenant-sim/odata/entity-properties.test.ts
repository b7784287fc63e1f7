import { describe, expect, it } from "vitest";
import {
  BETA_ONLY_ENTITY_TYPES,
  SERVED_ENTITY_TYPES,
  entityPropertyNames,
  isDeclaredProperty,
  isNavigationProperty,
  loadEntityProperties,
  selectableProperty,
  serviceOf,
  type ServedEntityType,
} from "./entity-properties.ts";

describe("generated entity properties", () => {
  it("has every served type in both versions (the v1.0 CSDL declares the Autopilot profile types, though only beta serves their routes), the beta-only ones in beta alone", () => {
    const file = loadEntityProperties();
    for (const type of Object.keys(SERVED_ENTITY_TYPES) as ServedEntityType[]) {
      expect(file.beta[type], `beta ${type}`).toBeDefined();
      if (BETA_ONLY_ENTITY_TYPES.includes(type)) expect(file["v1.0"][type], `v1.0 ${type}`).toBeUndefined();
      else expect(file["v1.0"][type], `v1.0 ${type}`).toBeDefined();
    }
  });

  it("lists structural and navigation properties apart, inherited ones included", () => {
    const user = entityPropertyNames("user", "v1.0");
    expect(user.properties).toEqual(expect.arrayContaining(["id", "deletedDateTime", "displayName", "userPrincipalName", "passwordProfile"]));
    expect(user.navigationProperties).toEqual(expect.arrayContaining(["memberOf", "licenseDetails", "manager"]));
    expect(user.properties).not.toContain("memberOf");
    expect(isNavigationProperty("group", "v1.0", "members")).toBe(true);
    expect(isNavigationProperty("group", "v1.0", "displayName")).toBe(false);
  });

  it("checks body names case-sensitively and $select names case-insensitively", () => {
    expect(isDeclaredProperty("group", "v1.0", "mailNickname")).toBe(true);
    expect(isDeclaredProperty("group", "v1.0", "MailNickname")).toBe(false);
    expect(isDeclaredProperty("group", "v1.0", "mailNickName")).toBe(false);
    expect(selectableProperty("group", "v1.0", "MAILNICKNAME")).toBe("mailNickname");
    expect(selectableProperty("group", "v1.0", "mailNick")).toBeUndefined();
  });

  it("widens only directoryObject with its derived types' properties", () => {
    expect(entityPropertyNames("directoryObject", "v1.0").derivedTypeProperties).toEqual(expect.arrayContaining(["displayName", "userPrincipalName", "physicalIds", "appId"]));
    expect(entityPropertyNames("deviceConfiguration", "v1.0").derivedTypeProperties).toBeUndefined();
  });

  it("throws for a type the generator did not write (a route bug, not a client error)", () => {
    expect(() => entityPropertyNames("microsoft.graph.application", "v1.0")).toThrow(/SERVED_ENTITY_TYPES/);
  });

  it("names the service whose errors a type answers with", () => {
    expect(serviceOf("user")).toBe("directory");
    expect(serviceOf("microsoft.graph.directoryObject")).toBe("directory");
    expect(serviceOf("managedDevice")).toBe("intune");
    expect(serviceOf("microsoft.graph.windowsAutopilotDeploymentProfile")).toBe("intune");
  });
});
