import { describe, expect, it } from "vitest";
import { GraphHttpError } from "../framework.ts";
import { asIntuneError } from "../intune/intune-error.ts";
import { GraphGatewayError, parseSelect } from "./select.ts";

const q = (select: string) => new URLSearchParams({ $select: select });

function thrown(fn: () => unknown): GraphHttpError {
  try {
    fn();
  } catch (err) {
    if (err instanceof GraphHttpError) return err;
    throw err;
  }
  throw new Error("expected a GraphHttpError");
}

describe("parseSelect", () => {
  it("gives the trimmed items, or undefined without $select", () => {
    expect(parseSelect(new URLSearchParams(), "v1.0", "user")).toBeUndefined();
    expect(parseSelect(q(" displayName , id ,"), "v1.0", "microsoft.graph.user")).toEqual(["displayName", "id"]);
  });

  it("matches names without regard to letter case, inherited and navigation properties included", () => {
    expect(parseSelect(q("DISPLAYNAME,Id,memberOf,deletedDateTime"), "v1.0", "user")).toEqual(["DISPLAYNAME", "Id", "memberOf", "deletedDateTime"]);
  });

  it("refuses a directory property the type lacks with Entra ID's Request_BadRequest", () => {
    const err = thrown(() => parseSelect(q("id,displayNme"), "v1.0", "user"));
    expect(err).not.toBeInstanceOf(GraphGatewayError);
    expect([err.status, err.code, err.message]).toEqual([400, "Request_BadRequest", "Could not find a property named 'displayNme' on type 'microsoft.graph.user'."]);
  });

  it("refuses an Intune property the type lacks with Graph's own BadRequest, which Intune routes pass on unnested", () => {
    const err = thrown(() => parseSelect(q("serialNumbr"), "v1.0", "managedDevice"));
    expect(err).toBeInstanceOf(GraphGatewayError);
    expect([err.status, err.code, err.message]).toEqual([400, "BadRequest", "Parsing OData Select and Expand failed: Could not find a property named 'serialNumbr' on type 'microsoft.graph.managedDevice'."]);
    expect(asIntuneError(err, { baseUrl: "https://127.0.0.1:1", version: "v1.0", path: "/deviceManagement/managedDevices" })).toBe(err);
  });

  it("takes a derived type's property on a directoryObject list (Entra ID), not on an Intune base type", () => {
    expect(parseSelect(q("displayName,userPrincipalName,securityEnabled,physicalIds"), "v1.0", "directoryObject")).toHaveLength(4);
    expect(() => parseSelect(q("noSuchThing"), "v1.0", "directoryObject")).toThrow("on type 'microsoft.graph.directoryObject'");
    // omaSettings belongs to windows10CustomConfiguration, not to deviceConfiguration (msgraph-beta-sdk-dotnet #563).
    expect(() => parseSelect(q("omaSettings"), "v1.0", "deviceConfiguration")).toThrow("Could not find a property named 'omaSettings' on type 'microsoft.graph.deviceConfiguration'.");
  });

  it("checks each version's own schema", () => {
    // extensionAttributes is a beta property of device; the v1.0 CSDL does not declare it.
    expect(() => parseSelect(q("extensionAttributes"), "v1.0", "device")).toThrow(GraphHttpError);
    expect(parseSelect(q("extensionAttributes"), "beta", "device")).toEqual(["extensionAttributes"]);
  });

  it("takes * and says the local tenant does not evaluate type casts or paths", () => {
    expect(parseSelect(q("*"), "v1.0", "group")).toEqual(["*"]);
    const err = thrown(() => parseSelect(q("microsoft.graph.windows10CustomConfiguration/omaSettings"), "v1.0", "deviceConfiguration"));
    expect([err.status, err.code]).toEqual([400, "BadRequest"]);
    expect(err.message).toContain("does not support type casts");
  });

  it("checks nothing when the route names no entity type (test fixture routes)", () => {
    expect(parseSelect(q("anything"), "v1.0")).toEqual(["anything"]);
  });
});
