import { describe, expect, it } from "vitest";
import { GraphHttpError } from "../framework.ts";
import { rejectUndeclaredProperties, requireObjectBody } from "./request-body.ts";

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
