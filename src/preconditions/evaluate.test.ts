import { describe, expect, it } from "vitest";
import { compileTenantPreconditions } from "../compile/preconditions/tenant-preconditions.ts";
import { secureBlueprint } from "../compile/testing/blueprint-fixture.ts";
import type { TenantPrecondition } from "../compile/types.ts";
import { evaluatePrecondition } from "./evaluate.ts";

const preconditions = compileTenantPreconditions(secureBlueprint());
const byAddress = (address: string) => preconditions.find((p) => p.address === address) as TenantPrecondition;
const CLIENTS = "11111111-1111-4111-8111-111111111111";
const ids = (address: string) => (address === "group.clients" ? CLIENTS : undefined);

describe("evaluatePrecondition", () => {
  it("a 403 on the delegated-only MDM scope → unknown, saying a signed-in administrator must read it", () => {
    const result = evaluatePrecondition(byAddress("precondition.mdm-user-scope"), { status: 403, body: {} }, ids);
    expect(result.status).toBe("unknown");
    expect(result.reason).toContain("only a signed-in administrator can read it (delegated Policy.Read.All or Policy.ReadWrite.MobilityManagement");
    expect(result.evidence).toEqual({ read: "GET /beta/policies/mobileDeviceManagementPolicies?$expand=includedGroups", status: 403 });
  });

  it("a 403 on an application-readable setting names the application permission", () => {
    const result = evaluatePrecondition(byAddress("precondition.entra-join"), { status: 403 }, ids);
    expect(result.reason).toContain("application permission Policy.Read.DeviceConfiguration");
  });

  it("a 200 goes to the condition's evaluator and carries the read as evidence", () => {
    const body = { azureADJoin: { allowedToJoin: { "@odata.type": "#microsoft.graph.allDeviceRegistrationMembership" } } };
    expect(evaluatePrecondition(byAddress("precondition.entra-join"), { status: 200, body }, ids)).toEqual({
      address: "precondition.entra-join",
      status: "satisfied",
      reason: "every user may Microsoft Entra join devices",
      evidence: { read: "GET /v1.0/policies/deviceRegistrationPolicy", allowedToJoin: "allDeviceRegistrationMembership" },
    });
  });

  it("any other status → unknown with the status", () => {
    expect(evaluatePrecondition(byAddress("precondition.windows-enrollment"), { status: 503 }, ids)).toMatchObject({ status: "unknown", reason: expect.stringContaining("answered 503") });
  });
});
