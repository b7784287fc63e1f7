import { describe, expect, it } from "vitest";
import { GraphHttpError } from "../framework.ts";
import { rejectUndeclaredActionProperties, rejectUndeclaredProperties, requireObjectBody } from "./request-body.ts";

describe("requireObjectBody", () => {
  it("passes a JSON object through and refuses anything else with 400", () => {
    expect(requireObjectBody({ a: 1 })).toEqual({ a: 1 });
    for (const body of [undefined, null, [], "x", 3]) {
      expect(() => requireObjectBody(body)).toThrow(GraphHttpError);
      expect(() => requireObjectBody(body)).toThrow("The request body must be a JSON object.");
    }
  });
});

describe("rejectUndeclaredProperties", () => {
  const refusal = (body: Record<string, unknown>, type: string, version: "v1.0" | "beta" = "v1.0") => {
    try {
      rejectUndeclaredProperties(body, type, version);
    } catch (err) {
      if (err instanceof GraphHttpError) return [err.status, err.code, err.message];
      throw err;
    }
    return undefined;
  };

  it("passes declared properties, inherited ones and annotations of declared properties", () => {
    expect(refusal({ "@odata.type": "#microsoft.graph.group", displayName: "x", id: "1", "members@odata.bind": [], "owners@odata.bind": [] }, "group")).toBeUndefined();
    expect(refusal({ "@odata.context": "x", accountEnabled: true, passwordProfile: {} }, "user")).toBeUndefined();
  });

  it("refuses a misspelt or foreign property with Entra ID's 400", () => {
    expect(refusal({ displayName: "x", dispalyName: "x" }, "group")).toEqual([400, "Request_BadRequest", "Property 'dispalyName' does not exist as a declared property or extension property."]);
    expect(refusal({ DisplayName: "x" }, "user")).toEqual([400, "Request_BadRequest", "Property 'DisplayName' does not exist as a declared property or extension property."]);
    expect(refusal({ "memberz@odata.bind": [] }, "group")?.[2]).toBe("Property 'memberz' does not exist as a declared property or extension property.");
    expect(refusal({ passwordValidityPeriod: 90 }, "domain")?.[0]).toBe(400);
  });

  it("reads the version's own schema (extensionAttributes is a beta device property)", () => {
    expect(refusal({ extensionAttributes: {} }, "device", "v1.0")?.[0]).toBe(400);
    expect(refusal({ extensionAttributes: {} }, "device", "beta")).toBeUndefined();
  });
});

describe("nested complex objects", () => {
  const message = (run: () => void) => {
    try {
      run();
    } catch (err) {
      if (err instanceof GraphHttpError) return `${err.status} ${err.code} ${err.message}`;
      throw err;
    }
    return undefined;
  };
  const undeclared = (name: string) => `400 Request_BadRequest Property '${name}' does not exist as a declared property or extension property.`;

  it("checks passwordProfile, onPremisesExtensionAttributes and collections of complex objects in both versions", () => {
    for (const version of ["v1.0", "beta"] as const) {
      const body = (extra: Record<string, unknown>) => () => rejectUndeclaredProperties({ displayName: "x", ...extra }, "user", version);
      expect(message(body({ passwordProfile: { password: "x", forceChangePasswordNextSignIn: true, forceChangePasswordNextSignInWithMfa: false } }))).toBeUndefined();
      expect(message(body({ passwordProfile: { password: "x", forceChangePassword: true } }))).toBe(undeclared("forceChangePassword"));
      expect(message(body({ onPremisesExtensionAttributes: { extensionAttribute1: "a", extensionAttribute15: "b" } }))).toBeUndefined();
      expect(message(body({ onPremisesExtensionAttributes: { extensionAttribute16: "c" } }))).toBe(undeclared("extensionAttribute16"));
      expect(message(body({ identities: [{ signInType: "emailAddress", issuer: "x", issuerAssignedId: "y" }, { signinType: "x" }] }))).toBe(undeclared("signinType"));
    }
    const device = (ids: unknown) => () => rejectUndeclaredProperties({ alternativeSecurityIds: ids }, "device", "v1.0");
    expect(message(device([{ type: 2, key: "AAAA", identityProvider: null }]))).toBeUndefined();
    expect(message(device([{ type: 2, keys: "AAAA" }]))).toBe(undeclared("keys"));
  });

  it("checks at any depth, lets values of the wrong kind through to the route and takes any property of an open type", () => {
    const user = (extra: Record<string, unknown>) => () => rejectUndeclaredProperties(extra, "user", "v1.0");
    expect(message(user({ mailboxSettings: { workingHours: { timeZone: { name: "UTC" } } } }))).toBeUndefined();
    expect(message(user({ mailboxSettings: { workingHours: { timeZone: { name: "UTC", offset: 1 } } } }))).toBe(undeclared("offset"));
    // A derived type named in @odata.type brings its own properties (customTimeZone derives from timeZoneBase).
    expect(message(user({ mailboxSettings: { workingHours: { timeZone: { "@odata.type": "#microsoft.graph.customTimeZone", name: "x", bias: 60 } } } }))).toBeUndefined();
    expect(message(user({ passwordProfile: "not an object", businessPhones: ["1"] }))).toBeUndefined();
    expect(message(user({ passwordProfile: null }))).toBeUndefined();
    expect(message(user({ customSecurityAttributes: { Engineering: { "@odata.type": "#microsoft.graph.customSecurityAttributeValue", Project: "HL2" } } }))).toBeUndefined();
  });

  it("reads the version's own complex type (beta's and v1.0's lists are each checked)", () => {
    // verifiedDomain is on organization, not written; passwordProfile has the same names in both versions.
    for (const version of ["v1.0", "beta"] as const) {
      expect(message(() => rejectUndeclaredProperties({ passwordProfile: { Password: "x" } }, "user", version))).toBe(undeclared("Password"));
    }
  });
});

describe("rejectUndeclaredActionProperties", () => {
  const run = (body: unknown, action: "microsoft.graph.user/assignLicense" | "microsoft.graph.group/assignLicense" = "microsoft.graph.user/assignLicense", version: "v1.0" | "beta" = "v1.0") => {
    try {
      rejectUndeclaredActionProperties(body, action, version);
    } catch (err) {
      if (err instanceof GraphHttpError) return err.message;
      throw err;
    }
    return undefined;
  };
  const sku = "6fd2c87f-b296-42f0-b197-1e91e994b900";

  it("checks each addLicenses entry against assignedLicense (skuId, disabledPlans) for users and groups, in both versions", () => {
    for (const action of ["microsoft.graph.user/assignLicense", "microsoft.graph.group/assignLicense"] as const) {
      for (const version of ["v1.0", "beta"] as const) {
        expect(run({ addLicenses: [{ skuId: sku, disabledPlans: [] }], removeLicenses: [] }, action, version)).toBeUndefined();
        expect(run({ addLicenses: [{ skuId: sku }, { skuId: sku, disabledPlan: [] }], removeLicenses: [] }, action, version)).toBe(
          "Property 'disabledPlan' does not exist as a declared property or extension property.",
        );
      }
    }
  });

  it("leaves the parameters themselves and bodies that are not objects to the action's parse", () => {
    expect(run({ addLicences: [{ nonsense: 1 }], removeLicenses: [] })).toBeUndefined();
    expect(run(undefined)).toBeUndefined();
    expect(run([{ skuId: sku }])).toBeUndefined();
    expect(run({ addLicenses: "x", removeLicenses: [] })).toBeUndefined();
  });
});
